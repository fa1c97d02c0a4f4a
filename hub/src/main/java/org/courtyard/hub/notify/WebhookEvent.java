package org.courtyard.hub.notify;

import java.util.Arrays;
import java.util.Locale;

/** What a webhook can be told about; {@link #configName} is the word in {@code webhook.N.events}. */
public enum WebhookEvent {
    NEW("help.new"),
    OVERDUE("help.overdue"),
    RESOLVED("help.resolved"),
    /** A resident went longer than their check-in expectation plus the grace days without checking in. */
    CHECKIN_MISSED("checkin.missed"),
    /** A kiosk has not synced for {@code kiosk.silent-minutes}. */
    SILENT("kiosk.silent"),
    /** A silent kiosk synced again. */
    BACK("kiosk.back"),
    /** A resident's home unit has not synced for {@code home.silent-minutes} (居家呼叫器离线). */
    HOME_OFFLINE("home.offline"),
    /** An offline home unit synced again. */
    HOME_BACK("home.back");

    /** What a receiver is told when its {@code events} are not configured: everything. */
    public static final String DEFAULT_CONFIG = "new,overdue,resolved,checkin_missed,silent,back,home_offline,home_back";

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

    /** Reads a {@link #configName}: {@code new}, {@code overdue}, ..., {@code home_offline}, {@code home_back}. */
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
