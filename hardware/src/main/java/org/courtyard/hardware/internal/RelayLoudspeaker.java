package org.courtyard.hardware.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import javax.sound.sampled.AudioFormat;
import org.courtyard.hardware.AudioClip;
import org.courtyard.hardware.DeviceHealth;
import org.courtyard.hardware.HardwareConfig;
import org.courtyard.hardware.Loudspeaker;
import org.courtyard.hardware.Microphone.FrameStream;
import org.courtyard.hardware.PlayResult;
import org.courtyard.hardware.PlayResult.Outcome;
import org.courtyard.hardware.Route;
import org.courtyard.hardware.Tones;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loudspeaker: a {@link Relay} for the outdoor amplifier and an {@link AudioOutput}.
 *
 * <p>Audio is written in {@value #CHUNK_MILLIS} ms chunks, checking for an interruption between
 * chunks, and an interruption also aborts the sink, so a play stops within about one device buffer.
 * The relay is switched off in a {@code finally}, after every play however it ends. Action lines
 * of an outdoor play: {@code relay on}, {@code audio start <name> (<ms> ms)},
 * {@code audio end <name> PLAYED|INTERRUPTED|FAILED}, {@code relay off}; the start line names a
 * chimed clip {@code chime+<name>}, and says {@code (live)} instead of a length for live audio.
 *
 * <p>Live audio ({@link #playLive}) is written chunk by chunk as its source yields it, through the
 * same sink, volume and relay sequence as a clip; an interruption also closes its source, so a
 * capture blocked waiting for the microphone's next chunk ends at once.
 *
 * <p>Every play is a {@link Session}: its own interruption flag, its own sink and programme, so
 * that {@link Session#interrupt()} can only ever stop that play. {@link #interrupt()} stops every
 * session that began running before it (a generation counter), and leaves later ones alone.
 */
public final class RelayLoudspeaker implements Loudspeaker, AutoCloseable {

    static final int CHUNK_MILLIS = 20;

    private static final Logger log = LoggerFactory.getLogger(RelayLoudspeaker.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final Relay relay;
    private final AudioOutput output;
    private final ActionBus bus;
    private final Duration warmUp;
    private final Duration tail;
    private final double volumeCap;
    private final Clock clock;

    private final ReentrantLock playLock = new ReentrantLock(true);
    private final Object wakeUp = new Object();
    private final AtomicLong interruptions = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The session holding {@link #playLock}, if any. */
    private volatile Session current;
    private volatile double volume;
    private volatile String lastPlayFailure;
    private volatile String relayFailure;

    public RelayLoudspeaker(Relay relay, AudioOutput output, ActionBus bus, HardwareConfig config, Clock clock) {
        this.relay = Objects.requireNonNull(relay, "relay");
        this.output = Objects.requireNonNull(output, "output");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.warmUp = config.warmUp();
        this.tail = config.tail();
        this.volumeCap = config.volumeCap();
        this.volume = Math.min(config.volume(), volumeCap);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Play prepare(AudioClip clip, Route route, boolean chime) {
        Objects.requireNonNull(clip, "clip");
        return new Session(new ClipProgramme(clip, chime), Objects.requireNonNull(route, "route"));
    }

    @Override
    public Play prepareLive(String name, AudioFormat format, FrameStream source, Route route, boolean chime) {
        Objects.requireNonNull(source, "source");
        try {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            if (!Pcm.isSigned16(Objects.requireNonNull(format, "format"))) {
                throw new IllegalArgumentException("live audio must be signed 16-bit little-endian PCM, was " + format);
            }
            return new Session(new LiveProgramme(name, format, source, chime), Objects.requireNonNull(route, "route"));
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** One play: what it plays, where, and whether it was interrupted; see the class comment. */
    private final class Session implements Play {

        private final Programme programme;
        private final Route route;
        private final AtomicBoolean ran = new AtomicBoolean();
        private volatile boolean interrupted;
        /** {@link #interruptions} when {@link #run()} began; a later {@code interrupt()} of the loudspeaker stops it. */
        private volatile long generation = Long.MAX_VALUE;
        private volatile AudioSink sink;

        Session(Programme programme, Route route) {
            this.programme = programme;
            this.route = route;
        }

        @Override
        public PlayResult run() {
            if (!ran.compareAndSet(false, true)) {
                throw new IllegalStateException("this play of '" + programme.name() + "' has run already");
            }
            try {
                return RelayLoudspeaker.this.run(this);
            } finally {
                programme.release();
            }
        }

        @Override
        public void interrupt() {
            interrupted = true;
            stop();
        }

        /** Whether this play must stop: interrupted itself, by the loudspeaker, or its thread. */
        boolean interrupted() {
            return interrupted || interruptions.get() != generation || Thread.currentThread().isInterrupted();
        }

        /** Wakes whatever this play is blocked in, so that it notices it was interrupted. */
        void stop() {
            AudioSink open = sink;
            if (open != null) {
                open.abort();
            }
            programme.stop();
            synchronized (wakeUp) {
                wakeUp.notifyAll();
            }
        }
    }

    private PlayResult run(Session session) {
        if (closed.get()) {
            throw new IllegalStateException("the loudspeaker has been closed");
        }
        session.generation = interruptions.get();
        try {
            playLock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ended(session.programme.name(), Outcome.INTERRUPTED, clock.instant(),
                    "interrupted while waiting for another play");
        }
        try {
            Instant startedAt = clock.instant();
            if (session.interrupted()) {
                return ended(session.programme.name(), Outcome.INTERRUPTED, startedAt, "interrupted before it started");
            }
            current = session;
            if (session.interrupted()) {
                // interrupt() ran between the check and publishing the session, and did not see it.
                session.stop();
            }
            return playLocked(session, startedAt);
        } finally {
            current = null;
            playLock.unlock();
        }
    }

    private PlayResult playLocked(Session session, Instant startedAt) {
        Programme programme = session.programme;
        boolean outdoor = session.route == Route.OUTDOOR;
        Outcome outcome;
        String detail = "";
        try {
            AudioSink sink = null;
            try {
                sink = output.open(programme.format());
                session.sink = sink;
                programme.prepare(sink.format());
                if (outdoor) {
                    switchRelayOn();
                }
                if (outdoor && waitUnlessInterrupted(warmUp, session)) {
                    outcome = Outcome.INTERRUPTED;
                    detail = "interrupted during the amplifier warm-up";
                } else {
                    bus.emit("audio start " + programme.startLine());
                    boolean complete = programme.writeTo(sink, session);
                    if (complete) {
                        sink.drain();
                        complete = !session.interrupted();
                    }
                    outcome = complete ? Outcome.PLAYED : Outcome.INTERRUPTED;
                }
            } catch (AudioDeviceException e) {
                log.warn("play of '{}' failed: {}", programme.name(), e.getMessage());
                outcome = Outcome.FAILED;
                detail = e.getMessage();
            } catch (RuntimeException e) {
                log.warn("play of '{}' failed", programme.name(), e);
                outcome = Outcome.FAILED;
                detail = "playback failed: " + e;
            } finally {
                session.sink = null;
                if (sink != null) {
                    sink.close();
                }
            }
            lastPlayFailure = outcome == Outcome.FAILED ? detail : null;
            bus.emit("audio end " + programme.name() + " " + outcome);
            if (outdoor && outcome == Outcome.PLAYED) {
                // The tail keeps the amplifier on while its last syllable fades; cutting it short
                // for an emergency loses nothing that was meant to be heard.
                waitUnlessInterrupted(tail, session);
            }
        } finally {
            if (outdoor) {
                relayOff();
            }
        }
        return new PlayResult(outcome, startedAt, clock.instant(), detail);
    }

    /** What one play sends to the sink: a finished clip, or live audio as it comes. */
    private interface Programme {

        String name();

        /** The format to open the sink in. */
        AudioFormat format();

        /** Called once the sink is open, with the format it takes. */
        void prepare(AudioFormat sinkFormat);

        /** What follows {@code audio start } on the action line. */
        String startLine();

        /** Writes everything; false if interrupted before the end. */
        boolean writeTo(AudioSink sink, Session session) throws AudioDeviceException;

        /** Makes a {@link #writeTo} blocked on its source return; from any thread. */
        void stop();

        /** Called once the play has ended, however it ended. */
        void release();
    }

    private final class ClipProgramme implements Programme {

        private final AudioClip clip;
        private final boolean chime;
        private byte[] pcm;
        private AudioFormat sinkFormat;

        ClipProgramme(AudioClip clip, boolean chime) {
            this.clip = clip;
            this.chime = chime;
        }

        @Override
        public String name() {
            return clip.name();
        }

        @Override
        public AudioFormat format() {
            return clip.format();
        }

        @Override
        public void prepare(AudioFormat format) {
            sinkFormat = format;
            pcm = program(clip, chime, format);
        }

        @Override
        public String startLine() {
            return (chime ? "chime+" : "") + clip.name() + " (" + millis(pcm.length, sinkFormat) + " ms)";
        }

        @Override
        public boolean writeTo(AudioSink sink, Session session) throws AudioDeviceException {
            return write(sink, pcm, session);
        }

        @Override
        public void stop() {
            // A clip is written from memory; the interruption check between chunks stops it.
        }

        @Override
        public void release() {
            // Nothing is held.
        }
    }

    private final class LiveProgramme implements Programme {

        private final String name;
        private final AudioFormat format;
        private final FrameStream source;
        private final boolean chime;
        private AudioFormat sinkFormat;

        LiveProgramme(String name, AudioFormat format, FrameStream source, boolean chime) {
            this.name = name;
            this.format = format;
            this.source = source;
            this.chime = chime;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public AudioFormat format() {
            return format;
        }

        @Override
        public void prepare(AudioFormat format) {
            sinkFormat = format;
        }

        @Override
        public String startLine() {
            return (chime ? "chime+" : "") + name + " (live)";
        }

        @Override
        public boolean writeTo(AudioSink sink, Session session) throws AudioDeviceException {
            if (chime && !write(sink, Pcm.convert(Tones.chime(format).pcm(), format, sinkFormat), session)) {
                return false;
            }
            int frameSize = format.getFrameSize();
            byte[] carry = new byte[0];
            while (!session.interrupted()) {
                byte[] chunk;
                try {
                    chunk = source.next();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                if (chunk == null) {
                    return !session.interrupted();
                }
                byte[] joined = carry.length == 0 ? chunk : concat(carry, chunk);
                int whole = joined.length - joined.length % frameSize;
                carry = Arrays.copyOfRange(joined, whole, joined.length);
                if (whole > 0 && !write(sink, Pcm.convert(Arrays.copyOf(joined, whole), format, sinkFormat),
                        session)) {
                    return false;
                }
            }
            return false;
        }

        @Override
        public void stop() {
            source.close();
        }

        @Override
        public void release() {
            source.close();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The PCM to play: the chime (if asked) and the clip, in the sink's format. */
    private static byte[] program(AudioClip clip, boolean chime, AudioFormat sinkFormat) {
        byte[] pcm = clip.pcm();
        if (chime) {
            byte[] bell = Tones.chime(clip.format()).pcm();
            byte[] joined = new byte[bell.length + pcm.length];
            System.arraycopy(bell, 0, joined, 0, bell.length);
            System.arraycopy(pcm, 0, joined, bell.length, pcm.length);
            pcm = joined;
        }
        return Pcm.convert(pcm, clip.format(), sinkFormat);
    }

    /** Writes in chunks at the current volume; false if interrupted before the end. */
    private boolean write(AudioSink sink, byte[] pcm, Session session) throws AudioDeviceException {
        AudioFormat format = sink.format();
        int chunk = Math.max(1, Math.round(format.getFrameRate() * CHUNK_MILLIS / 1000f)) * format.getFrameSize();
        for (int offset = 0; offset < pcm.length; offset += chunk) {
            if (session.interrupted()) {
                return false;
            }
            int length = Math.min(chunk, pcm.length - offset);
            double gain = volume;
            if (gain == 1.0) {
                sink.write(pcm, offset, length);
            } else {
                sink.write(Pcm.scale(pcm, offset, length, gain), 0, length);
            }
        }
        return !session.interrupted();
    }

    /** Waits {@code duration}; returns early, and true, if the play is interrupted meanwhile. */
    private boolean waitUnlessInterrupted(Duration duration, Session session) {
        long deadline = System.nanoTime() + duration.toNanos();
        synchronized (wakeUp) {
            while (!session.interrupted()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(wakeUp, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return true;
                }
            }
            return true;
        }
    }

    private void switchRelayOn() {
        try {
            relay.on();
            relayFailure = null;
        } catch (RuntimeException e) {
            relayFailure = "could not switch the amplifier relay on: " + e.getMessage();
            throw e;
        }
    }

    private void relayOff() {
        try {
            relay.off();
        } catch (RuntimeException e) {
            relayFailure = "could not switch the amplifier relay off: " + e.getMessage();
            log.error("could not switch the amplifier relay off", e);
        }
    }

    private PlayResult ended(String name, Outcome outcome, Instant startedAt, String detail) {
        bus.emit("audio end " + name + " " + outcome);
        return new PlayResult(outcome, startedAt, clock.instant(), detail);
    }

    private static long millis(int bytes, AudioFormat format) {
        return Math.round(bytes / (double) format.getFrameSize() * 1000.0 / format.getFrameRate());
    }

    /**
     * Stops the play in progress and any play already waiting for its turn; they return
     * {@code INTERRUPTED}. Plays started after this call are not affected, not even one that takes
     * over the loudspeaker while this call runs.
     */
    @Override
    public void interrupt() {
        long generation = interruptions.incrementAndGet();
        Session session = current;
        if (session != null && session.generation < generation) {
            session.stop();
        }
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    @Override
    public void setVolume(double volume) {
        if (!(volume >= 0 && volume <= 1)) {
            throw new IllegalArgumentException("volume must be in [0, 1], was " + volume);
        }
        this.volume = Math.min(volume, volumeCap);
    }

    @Override
    public double volume() {
        return volume;
    }

    /** Whether the relay is switched on right now. */
    public boolean relayOn() {
        return relay.isOn();
    }

    public DeviceHealth relayHealth(String wiring) {
        String failure = relayFailure;
        return new DeviceHealth("relay", true, failure == null, failure == null ? wiring : failure);
    }

    public DeviceHealth health() {
        String failure = lastPlayFailure;
        if (!output.present()) {
            return new DeviceHealth("loudspeaker", false, failure == null, output.description());
        }
        return new DeviceHealth("loudspeaker", true, failure == null,
                failure == null ? "plays through " + output.description() : "last play failed: " + failure);
    }

    /**
     * Interrupts any play, waits up to five seconds for it to end, and switches the relay off. Later
     * plays throw {@link IllegalStateException}. Closing twice is safe.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        interrupt();
        try {
            if (playLock.tryLock(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                playLock.unlock();
            } else {
                log.warn("a play did not stop within {}; switching the relay off anyway", CLOSE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        relayOff();
    }
}
