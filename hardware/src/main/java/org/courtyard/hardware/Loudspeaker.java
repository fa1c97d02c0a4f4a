package org.courtyard.hardware;

/**
 * The broadcast loudspeaker. An {@link Route#OUTDOOR} play is: relay on, warm-up (the amplifier
 * needs it, or the first syllables are lost), optional chime, the audio, tail, relay off. The relay
 * is off again after every play, whether it played, failed or was interrupted. Only one play runs
 * at a time; a second caller waits for the first.
 */
public interface Loudspeaker {

    /**
     * Plays {@code clip}, blocking until it has ended. Never throws for a failed device or an
     * unplayable clip: that is a {@link PlayResult.Outcome#FAILED} result with the reason.
     */
    PlayResult play(AudioClip clip, Route route, boolean chime);

    /**
     * Stops the play in progress, if any, and any play already waiting for its turn; their
     * {@link #play} calls return {@code INTERRUPTED} within about a quarter of a second, with the
     * relay off. Plays started after this call are not affected, so an emergency is played with
     * {@code interrupt(); play(emergency, OUTDOOR, true)}.
     */
    void interrupt();

    /**
     * Software volume 0..1 (a linear factor on the samples; 1 leaves them untouched), capped by the
     * configured maximum. Takes effect within the play in progress.
     *
     * @throws IllegalArgumentException outside 0..1
     */
    void setVolume(double volume);

    double volume();
}
