package org.courtyard.kiosk.announce;

import java.util.HashSet;
import java.util.Set;
import javax.sound.sampled.AudioFormat;
import org.courtyard.hardware.AudioClip;
import org.courtyard.hardware.Loudspeaker;
import org.courtyard.hardware.Microphone;
import org.courtyard.hardware.PlayResult;
import org.courtyard.hardware.Route;
import org.courtyard.hardware.testing.RecordingOutput;

/**
 * The real loudspeaker with gates a test opens and closes, to put the announcer's thread and the
 * player's thread in an exact order without timing: interruptions can be held on their way (as if
 * the thread that sent one were paused just before it landed), a play can be held just before it
 * reaches the loudspeaker, and the sound card can be held as a named play starts, so that play is
 * still in progress when the test wants it to be.
 */
final class GatedLoudspeaker implements Loudspeaker {

    private final Loudspeaker real;
    private final RecordingOutput output;
    private boolean interruptsHeld;
    private int heldInterrupts;
    private int deliveredInterrupts;
    private final Set<String> holdOutputAtStart = new HashSet<>();
    private final Set<String> startsHeld = new HashSet<>();
    private final Set<String> waitingToStart = new HashSet<>();
    private final Set<String> started = new HashSet<>();

    GatedLoudspeaker(Loudspeaker real, RecordingOutput output) {
        this.real = real;
        this.output = output;
    }

    /** From now on every interruption waits before it reaches the loudspeaker. */
    synchronized void holdInterrupts() {
        interruptsHeld = true;
    }

    /** Lets the held interruptions through, and later ones straight away. */
    synchronized void releaseInterrupts() {
        interruptsHeld = false;
        notifyAll();
    }

    /** How many interruptions are waiting at the gate now. */
    synchronized int heldInterrupts() {
        return heldInterrupts;
    }

    /** How many interruptions have reached the loudspeaker (and returned). */
    synchronized int deliveredInterrupts() {
        return deliveredInterrupts;
    }

    /** Holds the sound card when the play of the clip {@code name} starts, before its first byte. */
    synchronized void holdOutputWhenStarting(String name) {
        holdOutputAtStart.add(name);
    }

    /** The play of the clip {@code name} will wait, just before it reaches the loudspeaker, for {@link #releaseStart}. */
    synchronized void holdStart(String name) {
        startsHeld.add(name);
    }

    synchronized void releaseStart(String name) {
        startsHeld.remove(name);
        notifyAll();
    }

    /** Whether the play of {@code name} is waiting at its start gate. */
    synchronized boolean waitingToStart(String name) {
        return waitingToStart.contains(name);
    }

    /** Whether a play of {@code name} has gone through to the loudspeaker (so the one before it has ended). */
    synchronized boolean started(String name) {
        return started.contains(name);
    }

    @Override
    public Play prepare(AudioClip clip, Route route, boolean chime) {
        return gated(clip.name(), real.prepare(clip, route, chime));
    }

    @Override
    public Play prepareLive(String name, AudioFormat format, Microphone.FrameStream source, Route route,
            boolean chime) {
        return gated(name, real.prepareLive(name, format, source, route, chime));
    }

    private Play gated(String name, Play play) {
        return new Play() {
            @Override
            public PlayResult run() {
                beforeStart(name);
                return play.run();
            }

            @Override
            public void interrupt() {
                passInterruptGate();
                play.interrupt();
                interruptDelivered();
            }
        };
    }

    private synchronized void beforeStart(String name) {
        waitingToStart.add(name);
        try {
            while (startsHeld.contains(name)) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted at the start gate of " + name, e);
        } finally {
            waitingToStart.remove(name);
        }
        if (holdOutputAtStart.remove(name)) {
            output.hold();
        }
        started.add(name);
    }

    private synchronized void passInterruptGate() {
        heldInterrupts++;
        try {
            while (interruptsHeld) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted at the interruption gate", e);
        } finally {
            heldInterrupts--;
        }
    }

    private synchronized void interruptDelivered() {
        deliveredInterrupts++;
    }

    @Override
    public void interrupt() {
        passInterruptGate();
        real.interrupt();
        interruptDelivered();
    }

    @Override
    public void setVolume(double volume) {
        real.setVolume(volume);
    }

    @Override
    public double volume() {
        return real.volume();
    }
}
