package org.courtyard.hardware;

import javax.sound.sampled.AudioFormat;

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
     * Broadcasts live audio, such as a cadre speaking into the microphone while holding the talk
     * button: the same sequence as {@link #play} (for {@link Route#OUTDOOR}: relay on, warm-up,
     * chime if asked), then every chunk {@code source} yields, as it comes, until
     * {@link Microphone.FrameStream#next()} returns null because the source was closed (the talk
     * button was let go); then the tail and relay off. Blocks for the whole broadcast, and shares
     * {@link #play}'s rules: one at a time, never throws for a failed device, and {@link #interrupt()}
     * ends it as {@code INTERRUPTED}.
     *
     * <p>Takes ownership of {@code source}: it is closed when the broadcast ends, however it ends,
     * and {@link #interrupt()} closes it at once so that a capture blocked in {@code next()} wakes.
     * Its chunks must be signed 16-bit little-endian PCM in {@code format} (such as
     * {@link Microphone#FORMAT}); a chunk that ends inside a frame is carried over to the next.
     *
     * @param name the name on the {@code audio start} and {@code audio end} action lines
     */
    PlayResult playLive(String name, AudioFormat format, Microphone.FrameStream source, Route route, boolean chime);

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
