package org.courtyard.hardware;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.courtyard.hardware.internal.Pcm;

/**
 * Reading and writing WAV audio. Whatever javax.sound can decode (8-bit unsigned, 16, 24 and
 * 32-bit integer, 32 and 64-bit float, A-law and µ-law; big- or little-endian; in WAV, and also
 * the AIFF and AU files javax.sound reads) becomes a signed 16-bit little-endian {@link AudioClip}
 * at the source's own sample rate and channel count. Anything else is rejected with an
 * {@link IllegalArgumentException} that says what the bytes are and what would be accepted.
 */
public final class Wav {

    private static final float MIN_RATE = 4_000f;
    private static final float MAX_RATE = 192_000f;

    private Wav() {
    }

    /**
     * Reads a WAV file; the clip is named after the file without its extension.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it is not audio that can be converted
     */
    public static AudioClip read(Path file) throws IOException {
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return read(dot > 0 ? fileName.substring(0, dot) : fileName, Files.readAllBytes(file));
    }

    /**
     * Reads WAV bytes into a clip named {@code name}.
     *
     * @throws IllegalArgumentException if the bytes are not audio, or are audio in an encoding
     *     javax.sound cannot convert to 16-bit PCM (for example ADPCM or MP3 inside a WAV)
     */
    public static AudioClip read(String name, byte[] data) {
        Objects.requireNonNull(data, "data");
        if (data.length == 0) {
            throw new IllegalArgumentException("'" + name + "' is empty (0 bytes), not a WAV file");
        }
        AudioInputStream stream;
        try {
            stream = AudioSystem.getAudioInputStream(new ByteArrayInputStream(data));
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalArgumentException("'" + name + "' " + whatItIs(data), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("'" + name + "' is truncated or corrupt: " + e.getMessage(), e);
        }
        AudioFormat format = stream.getFormat();
        return decode(name, stream, format);
    }

    /**
     * Converts raw PCM in any format javax.sound can decode (8-bit, 24-bit, big-endian, float,
     * A-law, µ-law…) into a clip, keeping its sample rate and channels.
     *
     * @throws IllegalArgumentException if the format cannot be converted
     */
    public static AudioClip convert(String name, AudioFormat format, byte[] pcm) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(pcm, "pcm");
        if (format.getFrameSize() <= 0) {
            throw new IllegalArgumentException("'" + name + "' has no fixed frame size: " + format);
        }
        AudioInputStream stream = new AudioInputStream(new ByteArrayInputStream(pcm), format,
                pcm.length / format.getFrameSize());
        return decode(name, stream, format);
    }

    /**
     * Resamples and remixes a clip to {@code sampleRate} and {@code channels} (for example 16 kHz
     * mono for speech), through javax.sound's converter.
     *
     * @throws IllegalArgumentException if javax.sound cannot do that conversion
     */
    public static AudioClip convert(AudioClip clip, float sampleRate, int channels) {
        AudioFormat target = Pcm.signed16(sampleRate, channels);
        if (Pcm.sameLayout(clip.format(), target)) {
            return clip;
        }
        return AudioClip.pcm(clip.name(), target, Pcm.convert(clip.pcm(), clip.format(), target));
    }

    /** The clip as a complete WAV file (RIFF header and PCM data). */
    public static byte[] write(AudioClip clip) {
        AudioFormat format = clip.format();
        byte[] pcm = clip.pcm();
        AudioInputStream stream = new AudioInputStream(new ByteArrayInputStream(pcm), format,
                pcm.length / format.getFrameSize());
        ByteArrayOutputStream out = new ByteArrayOutputStream(pcm.length + 44);
        try {
            AudioSystem.write(stream, AudioFileFormat.Type.WAVE, out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing WAV in memory failed", e);
        }
        return out.toByteArray();
    }

    /** Writes the clip as a WAV file, replacing {@code file}. */
    public static void write(AudioClip clip, Path file) throws IOException {
        Files.write(file, write(clip));
    }

    private static AudioClip decode(String name, AudioInputStream stream, AudioFormat format) {
        if (format.getSampleRate() < MIN_RATE || format.getSampleRate() > MAX_RATE) {
            throw new IllegalArgumentException("'" + name + "' has a sample rate of " + format.getSampleRate()
                    + " Hz; between " + (int) MIN_RATE + " and " + (int) MAX_RATE + " Hz is supported");
        }
        AudioInputStream converted;
        try {
            converted = Pcm.convert(stream, format.getSampleRate(), format.getChannels());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + name + "' is audio in an unsupported encoding (" + format
                    + "); use PCM (8, 16, 24 or 32 bit), 32-bit float, A-law or µ-law", e);
        }
        try {
            return AudioClip.pcm(name, converted.getFormat(), Pcm.readAll(converted));
        } catch (IOException e) {
            throw new IllegalArgumentException("'" + name + "' is truncated or corrupt: " + e.getMessage(), e);
        }
    }

    /** Says what bytes that javax.sound refused are, e.g. "is not a WAV file (it looks like MP3)". */
    private static String whatItIs(byte[] data) {
        if (data.length >= 12 && ascii(data, 0, 4).equals("RIFF") && ascii(data, 8, 4).equals("WAVE")) {
            int tag = formatTag(data);
            if (tag < 0) {
                return "is a WAV file without a readable 'fmt ' chunk (truncated or corrupt)";
            }
            return String.format("is a WAV file in an unsupported encoding: %s (format tag 0x%04X); use PCM"
                    + " (8, 16, 24 or 32 bit), 32-bit float, A-law or µ-law", tagName(tag), tag);
        }
        String kind = sniff(data);
        return "is not a WAV file" + (kind == null ? "" : " (it looks like " + kind + ")");
    }

    private static int formatTag(byte[] data) {
        long offset = 12;
        while (offset + 8 <= data.length) {
            int at = (int) offset;
            String id = ascii(data, at, 4);
            long size = littleEndian32(data, at + 4);
            if (id.equals("fmt ")) {
                return at + 10 <= data.length ? (data[at + 8] & 0xff) | (data[at + 9] & 0xff) << 8 : -1;
            }
            offset += 8 + size + (size & 1);
        }
        return -1;
    }

    private static String tagName(int tag) {
        return switch (tag) {
            case 0x0001 -> "PCM";
            case 0x0002 -> "Microsoft ADPCM";
            case 0x0003 -> "IEEE float";
            case 0x0006 -> "A-law";
            case 0x0007 -> "µ-law";
            case 0x0011 -> "IMA ADPCM";
            case 0x0031 -> "GSM 6.10";
            case 0x0050 -> "MPEG";
            case 0x0055 -> "MP3";
            case 0xFFFE -> "extensible (with an unsupported sub-format)";
            default -> "unknown";
        };
    }

    private static String sniff(byte[] data) {
        if (startsWith(data, "ID3") || data.length >= 2 && (data[0] & 0xff) == 0xFF && (data[1] & 0xE0) == 0xE0) {
            return "MP3";
        }
        if (startsWith(data, "OggS")) {
            return "Ogg (Vorbis or Opus)";
        }
        if (startsWith(data, "fLaC")) {
            return "FLAC";
        }
        if (data.length >= 8 && ascii(data, 4, 4).equals("ftyp")) {
            return "MP4/M4A";
        }
        if (data.length >= 4 && (data[0] & 0xff) == 0x1A && (data[1] & 0xff) == 0x45 && (data[2] & 0xff) == 0xDF
                && (data[3] & 0xff) == 0xA3) {
            return "WebM";
        }
        boolean text = true;
        for (int i = 0; i < Math.min(data.length, 64); i++) {
            int b = data[i] & 0xff;
            if (b < 0x09 || b > 0x0D && b < 0x20 && b != 0x1B) {
                text = false;
                break;
            }
        }
        return text ? "text" : null;
    }

    private static boolean startsWith(byte[] data, String prefix) {
        return data.length >= prefix.length() && ascii(data, 0, prefix.length()).equals(prefix);
    }

    private static String ascii(byte[] data, int offset, int length) {
        return new String(data, offset, length, StandardCharsets.ISO_8859_1);
    }

    private static long littleEndian32(byte[] data, int offset) {
        return (data[offset] & 0xffL) | (data[offset + 1] & 0xffL) << 8 | (data[offset + 2] & 0xffL) << 16
                | (data[offset + 3] & 0xffL) << 24;
    }
}
