package org.courtyard.e2e;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.courtyard.hardware.AudioClip;
import org.courtyard.hardware.DeviceHealth;
import org.courtyard.hardware.Hardware;
import org.courtyard.hardware.HardwareAction;
import org.courtyard.hardware.HelpButton;
import org.courtyard.hardware.Lamps;
import org.courtyard.hardware.Loudspeaker;
import org.courtyard.hardware.Microphone;
import org.courtyard.hardware.Simulator;
import org.courtyard.hardware.internal.AudioInput;
import org.courtyard.hardware.internal.CaptureMicrophone;

/**
 * Sim hardware whose microphone plays {@code said} through the hardware module's real capture
 * code, once, then ends as a released push-to-talk does: an elder's voice memo (VoiceMemoEndToEndIT),
 * a resident's reply to her son (FamilyEndToEndIT).
 */
final class RecordedMicrophone implements Hardware {

    private final Hardware sim;
    private final Microphone microphone;

    RecordedMicrophone(Hardware sim, AudioClip said) {
        this.sim = sim;
        this.microphone = new CaptureMicrophone(new AudioInput() {
            @Override
            public boolean present() {
                return true;
            }

            @Override
            public String description() {
                return "a recording of an elder";
            }

            @Override
            public AudioInputStream open() {
                return new AudioInputStream(new ByteArrayInputStream(said.pcm()), Microphone.FORMAT,
                        AudioSystem.NOT_SPECIFIED);
            }
        });
    }

    @Override
    public Loudspeaker loudspeaker() {
        return sim.loudspeaker();
    }

    @Override
    public HelpButton helpButton() {
        return sim.helpButton();
    }

    @Override
    public HelpButton checkInButton() {
        return sim.checkInButton();
    }

    @Override
    public Lamps lamps() {
        return sim.lamps();
    }

    @Override
    public Microphone microphone() {
        return microphone;
    }

    @Override
    public List<DeviceHealth> health() {
        return sim.health().stream().filter(device -> !device.device().contains("microphone")).toList();
    }

    @Override
    public void addActionListener(Consumer<HardwareAction> listener) {
        sim.addActionListener(listener);
    }

    @Override
    public Optional<Simulator> simulator() {
        return sim.simulator();
    }

    @Override
    public void close() {
        sim.close();
    }

    /** A voiced burst of {@code millis} (a 180 Hz tone, swelling and fading) in the microphone's format. */
    static AudioClip burst(int millis) {
        byte[] pcm = new byte[millis * 32];
        for (int i = 0; i < pcm.length / 2; i++) {
            double envelope = Math.sin(Math.PI * i / (pcm.length / 2.0));
            int sample = (int) (Math.sin(2 * Math.PI * 180 * i / 16_000.0) * envelope * 9_000);
            pcm[2 * i] = (byte) sample;
            pcm[2 * i + 1] = (byte) (sample >> 8);
        }
        return AudioClip.pcm("burst", Microphone.FORMAT, pcm);
    }
}
