package org.courtyard.hub.notify;

import java.util.Arrays;
import java.util.Locale;

/** What a webhook can be told about; {@link #configName} is the word in {@code webhook.N.events}. */
public enum WebhookEvent {
    NEW("help.new"),
    OVERDUE("help.overdue"),
    RESOLVED("help.resolved"),
    /** The person pressed again while their request was open (再次求助). */
    REPEATED("help.repeated"),
    /** The kiosk learnt who asked, after the request was sent (「您是哪一位？」). */
    PERSON("help.person"),
    /** A resident went longer than their check-in expectation plus the grace days without checking in. */
    CHECKIN_MISSED("checkin.missed"),
    /** A kiosk has not synced for {@code kiosk.silent-minutes}. */
    SILENT("kiosk.silent"),
    /** A silent kiosk synced again. */
    BACK("kiosk.back");

    /** What a receiver is told when its {@code events} are not configured: everything. */
    public static final String DEFAULT_CONFIG = "new,overdue,resolved,repeated,person,checkin_missed,silent,back";

    private final String wireName;

    WebhookEvent(String wireName) {
        this.wireName = wireName;
    }

    /** The {@code event} field of the JSON format. */
    public String wireName() {
        return wireName;
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads {@code new}, {@code overdue}, {@code resolved}, {@code repeated}, {@code person},
     * {@code checkin_missed}, {@code silent} or {@code back}.
     */
    public static WebhookEvent fromConfig(String word) {
        for (WebhookEvent event : values()) {
            if (event.configName().equals(word.trim().toLowerCase(Locale.ROOT))) {
                return event;
            }
        }
        throw new IllegalArgumentException("unknown webhook event '" + word + "' (known: "
                + Arrays.stream(values()).map(WebhookEvent::configName).toList() + ")");
    }
}
