package org.courtyard.hub.announce.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Decides whether a file is a WAV the kiosks can play, the way the kiosk's own reader does
 * ({@code org.courtyard.hardware.Wav}, which the hub does not depend on): javax.sound must read it as
 * WAVE, convert it to signed 16-bit PCM, and its rate must lie between 4 and 192 kHz. Anything else
 * is refused with a sentence that says what the bytes are, e.g. "is not a WAV file (it looks like MP3)".
 */
public final class AudioCheck {

    private static final float MIN_RATE = 4_000f;
    private static final float MAX_RATE = 192_000f;

    /** A playable WAV: its length in milliseconds. */
    public record Playable(long durationMs) {
    }

    /** Why a file is not a playable WAV; the message is for the uploader. */
    public static final class NotPlayable extends Exception {

        private static final long serialVersionUID = 1L;

        NotPlayable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private AudioCheck() {
    }

    /**
     * Reads the whole file once to be sure its data is there.
     *
     * @throws NotPlayable with a message saying what the file is and what would be accepted
     */
    public static Playable check(Path file) throws IOException, NotPlayable {
        byte[] head = head(file);
        if (!(head.length >= 12 && ascii(head, 0, 4).equals("RIFF") && ascii(head, 8, 4).equals("WAVE"))) {
            String kind = sniff(head);
            throw new NotPlayable("the body is not a WAV file" + (kind == null ? "" : " (it looks like " + kind + ")"),
                    null);
        }
        AudioFileFormat fileFormat;
        try {
            fileFormat = AudioSystem.getAudioFileFormat(file.toFile());
        } catch (UnsupportedAudioFileException e) {
            throw new NotPlayable("the body is a WAV file in an encoding the kiosks cannot play; use PCM (8, 16, 24"
                    + " or 32 bit), 32-bit float, A-law or µ-law", e);
        }
        AudioFormat format = fileFormat.getFormat();
        if (format.getSampleRate() < MIN_RATE || format.getSampleRate() > MAX_RATE) {
            throw new NotPlayable("the WAV file has a sample rate of " + format.getSampleRate() + " Hz; between "
                    + (int) MIN_RATE + " and " + (int) MAX_RATE + " Hz is supported", null);
        }
        AudioFormat pcm = new AudioFormat(format.getSampleRate(), 16, format.getChannels(), true, false);
        if (!format.matches(pcm) && !AudioSystem.isConversionSupported(pcm, format)) {
            throw new NotPlayable("the WAV file's encoding (" + format + ") cannot be converted to 16-bit PCM;"
                    + " use PCM, 32-bit float, A-law or µ-law", null);
        }
        long frames;
        try (AudioInputStream stream = AudioSystem.getAudioInputStream(file.toFile())) {
            long bytes = stream.transferTo(java.io.OutputStream.nullOutputStream());
            frames = bytes / Math.max(1, format.getFrameSize());
        } catch (UnsupportedAudioFileException e) {
            throw new NotPlayable("the WAV file cannot be read: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new NotPlayable("the WAV file is truncated or corrupt: " + e.getMessage(), e);
        }
        if (frames == 0) {
            throw new NotPlayable("the WAV file holds no audio", null);
        }
        return new Playable(Math.round(frames * 1000.0 / format.getFrameRate()));
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return in.readNBytes(64);
        }
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
        if (startsWith(data, "#!AMR")) {
            return "AMR";
        }
        if (data.length >= 8 && ascii(data, 4, 4).equals("ftyp")) {
            return "MP4/M4A";
        }
        if (data.length >= 4 && (data[0] & 0xff) == 0x1A && (data[1] & 0xff) == 0x45 && (data[2] & 0xff) == 0xDF
                && (data[3] & 0xff) == 0xA3) {
            return "WebM";
        }
        if (startsWith(data, "FORM")) {
            return "AIFF";
        }
        if (data.length == 0) {
            return null;
        }
        for (byte b : data) {
            int c = b & 0xff;
            if (c < 0x09 || c > 0x0D && c < 0x20 && c != 0x1B) {
                return null;
            }
        }
        return "text";
    }

    private static boolean startsWith(byte[] data, String prefix) {
        return data.length >= prefix.length() && ascii(data, 0, prefix.length()).equals(prefix);
    }

    private static String ascii(byte[] data, int offset, int length) {
        return new String(data, offset, length, StandardCharsets.ISO_8859_1);
    }
}
