package org.courtyard.hub.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Checks a recording uploaded as a WAV file (a help request's voice memo, a family message, an
 * announcement's audio): that it is PCM, not too long, and whole — a file whose header announces
 * more audio than it holds (an upload cut off on the way) is refused rather than stored.
 */
public final class WavCheck {

    private WavCheck() {
    }

    /**
     * The length of a PCM WAV file in ms.
     *
     * @param what the recording as the 413 names it: "the memo"
     * @throws Refusal {@code invalid_field} naming {@code body} when it is not a whole PCM WAV file
     *     with audio in it; {@code too_large} when it is longer than {@code longest}
     */
    public static long durationMs(byte[] wav, Duration longest, String what) {
        AudioFileFormat file;
        try {
            file = AudioSystem.getAudioFileFormat(new ByteArrayInputStream(wav));
        } catch (UnsupportedAudioFileException | IOException e) {
            throw Refusal.invalidField("body", "the body is not a WAV file: " + e.getMessage());
        }
        AudioFormat format = file.getFormat();
        boolean pcm = AudioFormat.Encoding.PCM_SIGNED.equals(format.getEncoding())
                || AudioFormat.Encoding.PCM_UNSIGNED.equals(format.getEncoding());
        if (file.getType() != AudioFileFormat.Type.WAVE || !pcm || file.getFrameLength() <= 0
                || format.getFrameRate() <= 0) {
            throw Refusal.invalidField("body", "the body must be a PCM WAV file with audio in it, was " + file.getType()
                    + " " + format);
        }
        try {
            requireWhole(new ByteArrayInputStream(wav));
        } catch (IOException e) {
            throw new IllegalStateException("reading a byte array failed", e);
        }
        long durationMs = Math.round(file.getFrameLength() * 1000.0 / format.getFrameRate());
        if (durationMs > longest.toMillis()) {
            throw Refusal.tooLarge(what + " is " + durationMs / 1000 + " s long; at most " + longest.toSeconds()
                    + " s are accepted");
        }
        return durationMs;
    }

    /**
     * Reads a RIFF/WAVE file to its end and refuses it when a chunk's header (the {@code data}
     * chunk's above all) announces more bytes than follow it. Bytes that are not RIFF/WAVE pass:
     * the format checks name what they are.
     *
     * @throws Refusal {@code invalid_field} naming {@code body}, e.g. "the body is a cut-off WAV file:
     *     its header announces 32000 bytes of audio but 1000 follow; ..."
     */
    public static void requireWhole(InputStream wav) throws IOException {
        byte[] riff = wav.readNBytes(12);
        if (riff.length < 12 || !ascii(riff, 0).equals("RIFF") || !ascii(riff, 8).equals("WAVE")) {
            return;
        }
        while (true) {
            byte[] header = wav.readNBytes(8);
            if (header.length < 8) {
                throw cutOff(header.length == 0 ? "it ends before its audio (no data chunk)"
                        : "it ends inside a chunk header");
            }
            String id = ascii(header, 0);
            long declared = Integer.toUnsignedLong(header[4] & 0xff | (header[5] & 0xff) << 8
                    | (header[6] & 0xff) << 16 | (header[7] & 0xff) << 24);
            if (id.equals("data")) {
                long present = wav.transferTo(OutputStream.nullOutputStream());
                if (present < declared) {
                    throw cutOff("its header announces " + declared + " bytes of audio but " + present
                            + " follow; send the whole file again");
                }
                return;
            }
            long padded = declared + (declared & 1);
            if (skip(wav, padded) < declared) {
                throw cutOff("it ends inside its '" + id.strip() + "' chunk");
            }
        }
    }

    private static Refusal cutOff(String how) {
        return Refusal.invalidField("body", "the body is a cut-off WAV file: " + how);
    }

    /** Skips up to {@code count} bytes; fewer at the end of the stream. */
    private static long skip(InputStream in, long count) throws IOException {
        long skipped = 0;
        while (skipped < count) {
            long step = in.skip(count - skipped);
            if (step <= 0) {
                if (in.read() < 0) {
                    break;
                }
                step = 1;
            }
            skipped += step;
        }
        return skipped;
    }

    private static String ascii(byte[] data, int offset) {
        return new String(data, offset, 4, StandardCharsets.ISO_8859_1);
    }
}
