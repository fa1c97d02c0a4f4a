package org.courtyard.hardware.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;

/** Finding javax.sound mixers by a part of their name, and formats they accept. */
final class JavaSoundDevices {

    private JavaSoundDevices() {
    }

    /**
     * The first mixer whose name or description contains {@code name} (ignoring case) and that has
     * lines of {@code lineClass}.
     */
    static Optional<Mixer.Info> find(String name, Class<? extends Line> lineClass) {
        String wanted = name.toLowerCase(Locale.ROOT);
        Line.Info line = new Line.Info(lineClass);
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            boolean matches = info.getName().toLowerCase(Locale.ROOT).contains(wanted)
                    || info.getDescription().toLowerCase(Locale.ROOT).contains(wanted);
            if (matches && AudioSystem.getMixer(info).isLineSupported(line)) {
                return Optional.of(info);
            }
        }
        return Optional.empty();
    }

    /** Whether the system default mixer has lines of {@code lineClass}. */
    static boolean defaultHas(Class<? extends Line> lineClass) {
        return AudioSystem.isLineSupported(new Line.Info(lineClass));
    }

    /** Names of all mixers with lines of {@code lineClass}, for error messages. */
    static List<String> names(Class<? extends Line> lineClass) {
        List<String> names = new ArrayList<>();
        Line.Info line = new Line.Info(lineClass);
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            if (AudioSystem.getMixer(info).isLineSupported(line)) {
                names.add(info.getName());
            }
        }
        return names;
    }

    /**
     * {@code preferred} first, then common formats that sound cards take, to try in this order
     * when a device refuses the preferred one.
     */
    static List<AudioFormat> candidates(AudioFormat preferred, int... channelOrder) {
        Set<AudioFormat> formats = new LinkedHashSet<>();
        formats.add(preferred);
        for (int channels : channelOrder) {
            formats.add(Pcm.signed16(preferred.getSampleRate(), channels));
        }
        for (float rate : new float[] {48_000f, 44_100f}) {
            for (int channels : channelOrder) {
                formats.add(Pcm.signed16(rate, channels));
            }
        }
        return new ArrayList<>(formats);
    }

    static boolean supports(Mixer.Info mixer, DataLine.Info info) {
        return mixer == null ? AudioSystem.isLineSupported(info) : AudioSystem.getMixer(mixer).isLineSupported(info);
    }

    static Line line(Mixer.Info mixer, DataLine.Info info) throws LineUnavailableException {
        return mixer == null ? AudioSystem.getLine(info) : AudioSystem.getMixer(mixer).getLine(info);
    }
}
