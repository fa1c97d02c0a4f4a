package org.courtyard.hub.notify;

import java.util.Arrays;
import java.util.Locale;

/** What a webhook can be told about; {@link #configName} is the word in {@code webhook.N.events}. */
public enum WebhookEvent {
    NEW("help.new"),
    OVERDUE("help.overdue"),
    RESOLVED("help.resolved"),
    /** A resident went longer than their check-in expectation plus the grace days without checking in. */
    CHECKIN_MISSED("checkin.missed");

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

    /** Reads {@code new}, {@code overdue}, {@code resolved} or {@code checkin_missed}. */
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
