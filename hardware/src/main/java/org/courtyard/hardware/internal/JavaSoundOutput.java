package org.courtyard.hardware.internal;

import java.util.List;
import java.util.Optional;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;

/** A sound card through a javax.sound {@link SourceDataLine}. */
public final class JavaSoundOutput implements AudioOutput {

    /** Small, so that an interruption is heard within a quarter of a second. */
    private static final int BUFFER_MILLIS = 250;

    private final Mixer.Info mixer;

    private JavaSoundOutput(Mixer.Info mixer) {
        this.mixer = mixer;
    }

    /**
     * The output whose mixer name contains {@code name}, or the system default output if
     * {@code name} is null; empty if there is no such device.
     */
    public static Optional<JavaSoundOutput> find(String name) {
        if (name == null) {
            return JavaSoundDevices.defaultHas(SourceDataLine.class)
                    ? Optional.of(new JavaSoundOutput(null))
                    : Optional.empty();
        }
        return JavaSoundDevices.find(name, SourceDataLine.class).map(JavaSoundOutput::new);
    }

    /** Names of the outputs javax.sound sees, for messages about a device that was not found. */
    public static List<String> available() {
        return JavaSoundDevices.names(SourceDataLine.class);
    }

    @Override
    public boolean present() {
        return true;
    }

    @Override
    public String description() {
        return mixer == null ? "the system default audio output" : "audio output '" + mixer.getName() + "'";
    }

    @Override
    public AudioSink open(AudioFormat format) throws AudioDeviceException {
        for (AudioFormat candidate : JavaSoundDevices.candidates(format, format.getChannels() == 1 ? 1 : 2,
                format.getChannels() == 1 ? 2 : 1)) {
            DataLine.Info info = new DataLine.Info(SourceDataLine.class, candidate);
            if (!JavaSoundDevices.supports(mixer, info)) {
                continue;
            }
            try {
                SourceDataLine line = (SourceDataLine) JavaSoundDevices.line(mixer, info);
                int frames = Math.round(candidate.getSampleRate() * BUFFER_MILLIS / 1000f);
                line.open(candidate, frames * candidate.getFrameSize());
                line.start();
                return new LineSink(line, candidate);
            } catch (LineUnavailableException e) {
                throw new AudioDeviceException(description() + " is busy or unavailable: " + e.getMessage(), e);
            } catch (IllegalArgumentException | IllegalStateException | SecurityException e) {
                throw new AudioDeviceException(description() + " could not be opened: " + e.getMessage(), e);
            }
        }
        throw new AudioDeviceException(description() + " takes neither " + format
                + " nor any common 16-bit format");
    }

    private final class LineSink implements AudioSink {

        private final SourceDataLine line;
        private final AudioFormat format;
        private volatile boolean aborted;

        LineSink(SourceDataLine line, AudioFormat format) {
            this.line = line;
            this.format = format;
        }

        @Override
        public AudioFormat format() {
            return format;
        }

        @Override
        public void write(byte[] pcm, int offset, int length) throws AudioDeviceException {
            int written = line.write(pcm, offset, length);
            if (written < length && !aborted) {
                throw new AudioDeviceException(description() + " stopped taking audio after " + written + " of "
                        + length + " bytes (unplugged?)");
            }
        }

        @Override
        public void drain() {
            line.drain();
        }

        @Override
        public void abort() {
            aborted = true;
            line.stop();
            line.flush();
        }

        @Override
        public void close() {
            line.close();
        }
    }
}
