package org.courtyard.kiosk.core;

/**
 * What the voice is doing right now, for the LISTENING screen: {@code heard} is what was heard
 * so far or in the end (Vosk's words joined without spaces), empty while nothing was.
 */
public record VoiceActivity(Phase phase, String heard) {

    public static final VoiceActivity IDLE = new VoiceActivity(Phase.IDLE, "");

    public VoiceActivity {
        heard = heard == null ? "" : heard;
    }

    public enum Phase {
        /** Not listening. */
        IDLE,
        /** Push-to-talk is open: 正在听… */
        LISTENING,
        /** The utterance ended and was understood; {@code heard} says what. */
        HEARD,
        /** The utterance ended but was not understood (unknown, too unsure, or silence). */
        NOT_UNDERSTOOD,
        /** A voice memo is being recorded. */
        RECORDING_MEMO,
        /** The memo was saved and will be sent. */
        MEMO_SAVED
    }
}
