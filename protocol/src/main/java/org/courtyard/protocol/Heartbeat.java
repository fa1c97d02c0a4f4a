package org.courtyard.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Payload of {@link EventType#HEARTBEAT}: how the kiosk is. {@code voice} and {@code speaker} are
 * short human-readable states such as {@code "ok"} or {@code "off: no model at /opt/vosk"}.
 *
 * <p>The health fields after {@code speaker} came later and are all optional: a kiosk that cannot
 * measure one sends null (or, if it is older, leaves it out, which reads the same).
 * {@code diskFreeMb} is the free space of the kiosk's data folder in MiB; {@code temperatureC} the
 * SoC temperature in °C; {@code power} a short state of the supply when a UPS reports one, such as
 * {@code "mains"} or {@code "battery 78%"}; {@code selfTest} the hardware's own checks of its devices.
 *
 * <p>{@code playsNormal}, later still: whether the kiosk plays NORMAL announcements at their times.
 * A courtyard kiosk does (true); a home unit only with {@code home.announce-normal=true}. Null from
 * a kiosk that does not say, which the hub reads as its kind's default (docs/protocol.md).
 */
public record Heartbeat(String version, @JsonProperty(required = true) long uptimeSeconds,
        @JsonProperty(required = true) int outbox, String voice, String speaker, Long diskFreeMb,
        Double temperatureC, String power, SelfTest selfTest, Boolean playsNormal)
        implements EventPayload {

    /** Coldest and hottest temperature a heartbeat may report; anything outside is a broken sensor. */
    public static final double MIN_TEMPERATURE_C = -60;
    public static final double MAX_TEMPERATURE_C = 150;

    public Heartbeat {
        Require.line(version, "version");
        if (uptimeSeconds < 0) {
            throw Require.invalid("uptimeSeconds", "field 'uptimeSeconds' must not be negative");
        }
        if (outbox < 0) {
            throw Require.invalid("outbox", "field 'outbox' must not be negative");
        }
        voice = Text.cleaned(Require.text(voice, "voice"));
        speaker = Text.cleaned(Require.text(speaker, "speaker"));
        if (diskFreeMb != null && diskFreeMb < 0) {
            throw Require.invalid("diskFreeMb", "field 'diskFreeMb' must not be negative");
        }
        if (temperatureC != null && !(temperatureC >= MIN_TEMPERATURE_C && temperatureC <= MAX_TEMPERATURE_C)) {
            throw Require.invalid("temperatureC", "field 'temperatureC' must be from " + (int) MIN_TEMPERATURE_C
                    + " to " + (int) MAX_TEMPERATURE_C + ", was " + temperatureC);
        }
        // What a UPS's own software wrote: cleaned, never a reason to lose the heartbeat.
        power = Text.cleaned(Require.optionalText(power, "power"));
    }

    /** A heartbeat without the health fields, as kiosks before them sent it. */
    public Heartbeat(String version, long uptimeSeconds, int outbox, String voice, String speaker) {
        this(version, uptimeSeconds, outbox, voice, speaker, null, null, null, null, null);
    }

    /** A heartbeat without {@code playsNormal}, as kiosks before it sent it. */
    public Heartbeat(String version, long uptimeSeconds, int outbox, String voice, String speaker, Long diskFreeMb,
            Double temperatureC, String power, SelfTest selfTest) {
        this(version, uptimeSeconds, outbox, voice, speaker, diskFreeMb, temperatureC, power, selfTest, null);
    }
}
