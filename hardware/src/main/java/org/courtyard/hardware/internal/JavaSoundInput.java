package org.courtyard.hardware.internal;

import java.util.List;
import java.util.Optional;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;
import org.courtyard.hardware.Microphone;

/**
 * A microphone through a javax.sound {@link TargetDataLine}, opened at 16 kHz mono when the device
 * takes that and otherwise at a common rate for the microphone to convert.
 */
public final class JavaSoundInput implements AudioInput {

    private static final int BUFFER_MILLIS = 200;

    private final Mixer.Info mixer;

    private JavaSoundInput(Mixer.Info mixer) {
        this.mixer = mixer;
    }

    /**
     * The input whose mixer name contains {@code name}, or the system default input if {@code name}
     * is null; empty if there is no such device.
     */
    public static Optional<JavaSoundInput> find(String name) {
        if (name == null) {
            return JavaSoundDevices.defaultHas(TargetDataLine.class)
                    ? Optional.of(new JavaSoundInput(null))
                    : Optional.empty();
        }
        return JavaSoundDevices.find(name, TargetDataLine.class).map(JavaSoundInput::new);
    }

    /** Names of the inputs javax.sound sees, for messages about a device that was not found. */
    public static List<String> available() {
        return JavaSoundDevices.names(TargetDataLine.class);
    }

    @Override
    public boolean present() {
        return true;
    }

    @Override
    public String description() {
        return mixer == null ? "the system default audio input" : "audio input '" + mixer.getName() + "'";
    }

    @Override
    public AudioInputStream open() throws AudioDeviceException {
        for (AudioFormat candidate : JavaSoundDevices.candidates(Microphone.FORMAT, 1, 2)) {
            DataLine.Info info = new DataLine.Info(TargetDataLine.class, candidate);
            if (!JavaSoundDevices.supports(mixer, info)) {
                continue;
            }
            try {
                TargetDataLine line = (TargetDataLine) JavaSoundDevices.line(mixer, info);
                int frames = Math.round(candidate.getSampleRate() * BUFFER_MILLIS / 1000f);
                line.open(candidate, frames * candidate.getFrameSize());
                line.start();
                return new AudioInputStream(line);
            } catch (LineUnavailableException e) {
                throw new AudioDeviceException(description() + " is busy or unavailable: " + e.getMessage(), e);
            } catch (IllegalArgumentException | IllegalStateException | SecurityException e) {
                throw new AudioDeviceException(description() + " could not be opened: " + e.getMessage(), e);
            }
        }
        throw new AudioDeviceException(description() + " offers no 16-bit PCM capture format");
    }
}
