package org.courtyard.hub.notify;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a webhook can be told about; {@link #configName} is the word in {@code webhook.N.events}.
 * A group robot sends help messages first and each alone; the others it may fold into one digest
 * when its budget runs short ({@link #foldable}).
 */
public enum WebhookEvent {
    NEW("help.new", false),
    OVERDUE("help.overdue", false),
    RESOLVED("help.resolved", false),
    /** The person pressed again while their request was open (再次求助). */
    REPEATED("help.repeated", false),
    /** The kiosk learnt who asked, after the request was sent (「您是哪一位？」). */
    PERSON("help.person", false),
    /** A resident went longer than their check-in expectation plus the grace days without checking in. */
    CHECKIN_MISSED("checkin.missed", true),
    /** A kiosk has not synced for {@code kiosk.silent-minutes}. */
    SILENT("kiosk.silent", true),
    /** A silent kiosk synced again. */
    BACK("kiosk.back", true),
    /**
     * A resident's home unit has not synced for {@code home.silent-minutes} (居家呼叫器离线): an elder
     * whose help button may not reach anyone; it goes alone, its cadres @-mentioned.
     */
    HOME_OFFLINE("home.offline", false),
    /** An offline home unit synced again. */
    HOME_BACK("home.back", true),
    /** Once a day per village, at {@code care.digest-time}: the visits due soon and those overdue. */
    CARE_DIGEST("care.digest", true);

    /** What a receiver is told when its {@code events} are not configured: everything. */
    public static final String DEFAULT_CONFIG =
            "new,overdue,resolved,repeated,person,checkin_missed,silent,back,home_offline,home_back,care_digest";

    private final String wireName;
    private final boolean foldable;

    WebhookEvent(String wireName, boolean foldable) {
        this.wireName = wireName;
        this.foldable = foldable;
    }

    /** Whether a robot may fold it into a digest; never for anything about a help request. */
    public boolean foldable() {
        return foldable;
    }

    /**
     * A new, overdue or pressed-again help request: someone needs help now; it goes before
     * everything else.
     */
    public boolean urgent() {
        return this == NEW || this == OVERDUE || this == REPEATED;
    }

    /** The {@code event} field of the JSON format. */
    public String wireName() {
        return wireName;
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The event named by its {@link #wireName}, as stored in the outbox. */
    public static java.util.Optional<WebhookEvent> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(event -> event.wireName.equals(wireName)).findFirst();
    }

    /**
     * Reads {@code new}, {@code overdue}, {@code resolved}, {@code repeated}, {@code person},
     * {@code checkin_missed}, {@code silent}, {@code back}, {@code home_offline}, {@code home_back} or
     * {@code care_digest}.
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
