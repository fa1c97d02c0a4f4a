package org.courtyard.protocol;

/**
 * The kiosk hardware's checks of its own devices, sent in a {@link Heartbeat}: for each device
 * {@code "ok"}, or a short sentence saying what is wrong ({@code "missing: no audio output device
 * found"}, {@code "failed: last play failed: line unavailable"}), or null when the kiosk has no
 * such device fitted or cannot tell. These are the checks the hardware makes without a person:
 * a GPIO pin that opened, the last play that succeeded, a sound card that was found. Pressing
 * the button and listening to the loudspeaker is still a person's job (docs/hardware.md).
 */
public record SelfTest(String speaker, String relay, String button, String lamps, String microphone) {

    public SelfTest {
        // Devices' own words: cleaned, never a reason to lose the heartbeat.
        speaker = Text.cleaned(Require.optionalText(speaker, "speaker"));
        relay = Text.cleaned(Require.optionalText(relay, "relay"));
        button = Text.cleaned(Require.optionalText(button, "button"));
        lamps = Text.cleaned(Require.optionalText(lamps, "lamps"));
        microphone = Text.cleaned(Require.optionalText(microphone, "microphone"));
    }
}
