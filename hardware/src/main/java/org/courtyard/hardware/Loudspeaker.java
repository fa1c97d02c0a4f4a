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
     * One play, prepared but not yet started, that can be interrupted on its own: what a caller
     * uses when it may have to cut short exactly this play (an emergency preempting it, a
     * withdrawal, a cadre's stop) while other plays come and go on the same loudspeaker.
     * {@link Loudspeaker#interrupt()} stops whatever plays; {@link #interrupt()} of a {@code Play}
     * never touches any play but this one, however late it comes.
     */
    interface Play {

        /**
         * Plays it, blocking until it has ended, with {@link Loudspeaker#play}'s rules (one at a
         * time, never throws for a failed device). If {@link #interrupt()} came first, it returns
         * {@code INTERRUPTED} at once (after any play holding the loudspeaker), with the relay never
         * switched on.
         *
         * @throws IllegalStateException the second time, or after the loudspeaker was closed
         */
        PlayResult run();

        /**
         * Stops this play: if it is playing, {@link #run()} returns {@code INTERRUPTED} within about
         * a quarter of a second, with the relay off; if it has not started (not run yet, or waiting
         * for its turn), it will not start; if it has ended, nothing happens. Safe from any thread,
         * any number of times.
         */
        void interrupt();
    }

    /**
     * Prepares a play of {@code clip}; nothing happens until {@link Play#run()}.
     */
    Play prepare(AudioClip clip, Route route, boolean chime);

    /**
     * Prepares a live broadcast, as {@link #playLive} describes; nothing happens until
     * {@link Play#run()}. Takes ownership of {@code source} now: it is closed when the broadcast
     * ends, by {@link Play#interrupt()}, and at once if the arguments are refused.
     *
     * @throws IllegalArgumentException for a blank name or a format that is not signed 16-bit PCM
     */
    Play prepareLive(String name, AudioFormat format, Microphone.FrameStream source, Route route, boolean chime);

    /**
     * Plays {@code clip}, blocking until it has ended. Never throws for a failed device or an
     * unplayable clip: that is a {@link PlayResult.Outcome#FAILED} result with the reason.
     */
    default PlayResult play(AudioClip clip, Route route, boolean chime) {
        return prepare(clip, route, chime).run();
    }

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
    default PlayResult playLive(String name, AudioFormat format, Microphone.FrameStream source, Route route,
            boolean chime) {
        return prepareLive(name, format, source, route, chime).run();
    }

    /**
     * Stops the play in progress, if any, and any play already waiting for its turn, whoever
     * started them; their {@link #play} calls return {@code INTERRUPTED} within about a quarter of a
     * second, with the relay off. Plays started after this call are not affected. Meant for
     * shutdown: a caller that wants to stop its own play uses {@link Play#interrupt()}, because by
     * the time this call lands, that play may have ended and someone else's begun.
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
