package org.courtyard.hub.announce;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.courtyard.hub.announce.internal.AudioCheck;
import org.courtyard.hub.announce.internal.AudioFiles;
import org.courtyard.hub.announce.internal.Ffmpeg;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.core.WavCheck;
import org.courtyard.protocol.AudioRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announcements' audio files: an upload is received here (a WAV is checked and kept as it is;
 * other audio is converted to WAV with ffmpeg when the hub has it) and stored under its checksum
 * as {@code DATA/audio/<sha256>.wav}, where downloads find it. Nothing is stored for a refused
 * upload.
 */
public final class AnnouncementAudio {

    private static final Logger LOG = LoggerFactory.getLogger(AnnouncementAudio.class);
    private static final Set<String> WAV_TYPES = Set.of("audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave");

    private final AudioFiles files;
    private final AnnounceSettings settings;
    private final Optional<Ffmpeg> ffmpeg;

    /** @param dataDir the hub's data directory; the files go into its {@code audio} folder */
    public AnnouncementAudio(Path dataDir, AnnounceSettings settings) {
        this.files = new AudioFiles(dataDir);
        this.settings = settings;
        this.ffmpeg = settings.ffmpeg().map(Ffmpeg::new);
    }

    /**
     * Reads an upload and stores it as a playable WAV.
     *
     * @param declared the media type the upload was declared as (a {@code Content-Type}), or null
     * @param declaredLength its declared length, or -1 if unknown
     * @param body opens the body; called only once the declared type and length are acceptable, so
     *     that a refused upload's body is left unread for the router to drop before the answer
     *     (an input stream closed before its end would fail the body, and the client, still
     *     sending, would find the connection reset instead of reading the 413 or 415)
     * @throws Refusal {@link Refusal.Kind#UNSUPPORTED_TYPE} for a body that is not audio (or audio
     *     other than WAV without ffmpeg, or audio neither javax.sound nor ffmpeg can read),
     *     {@link Refusal.Kind#TOO_LARGE} over the upload limit, {@link Refusal.Kind#INVALID} for an
     *     empty body or a WAV cut off before the end its header announces
     */
    public AudioRef receive(String declared, long declaredLength, Supplier<InputStream> body)
            throws IOException, InterruptedException {
        String mediaType = declared == null ? "" : declared.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        boolean wav = WAV_TYPES.contains(mediaType);
        if (!wav && !mediaType.startsWith("audio/") && !mediaType.equals("video/webm")) {
            throw unsupported("the body must be audio: audio/wav" + (ffmpeg.isPresent()
                    ? ", or other audio such as audio/mpeg, audio/mp4, audio/ogg or audio/webm" : "")
                    + "; was " + (declared == null ? "no Content-Type" : "'" + declared + "'"));
        }
        if (!wav && ffmpeg.isEmpty()) {
            throw unsupported("this hub takes only WAV audio (audio/wav), not '" + mediaType + "': other formats are"
                    + " converted with ffmpeg, which was not found on the hub machine when it started");
        }
        if (declaredLength > settings.maxUploadBytes()) {
            throw tooLarge();
        }
        Path upload = files.newTemporary(".upload");
        Path converted = null;
        try {
            long length;
            try (InputStream in = body.get()) {
                length = AudioFiles.copyAtMost(in, upload, settings.maxUploadBytes());
            } catch (AudioFiles.TooLarge e) {
                throw tooLarge();
            }
            if (length == 0) {
                throw Refusal.badRequest("the body is empty; send the audio file as the body");
            }
            if (wav) {
                // Before any conversion: ffmpeg would play a cut-off upload as far as it goes.
                try (InputStream in = Files.newInputStream(upload)) {
                    WavCheck.requireWhole(in);
                }
            }
            Path playable = upload;
            AudioCheck.Playable checked;
            try {
                if (!wav) {
                    converted = convert(upload);
                    playable = converted;
                }
                checked = AudioCheck.check(playable);
            } catch (AudioCheck.NotPlayable refused) {
                if (!wav || ffmpeg.isEmpty()) {
                    throw unsupported(refused.getMessage());
                }
                // A WAV javax.sound cannot read (ADPCM, say) may still be one ffmpeg can convert.
                LOG.info("an uploaded WAV is not playable as it is ({}); converting it with ffmpeg", refused.getMessage());
                try {
                    converted = convert(upload);
                    playable = converted;
                    checked = AudioCheck.check(playable);
                } catch (AudioCheck.NotPlayable alsoRefused) {
                    throw unsupported(refused.getMessage());
                }
            }
            long bytes = Files.size(playable);
            String sha256 = files.keep(playable);
            return new AudioRef(sha256, bytes, checked.durationMs());
        } finally {
            Files.deleteIfExists(upload);
            if (converted != null) {
                Files.deleteIfExists(converted);
            }
        }
    }

    /**
     * The stored file of {@code audio}, which belongs to announcement {@code id}.
     *
     * @throws IllegalStateException if the file is missing (the data directory was damaged)
     */
    public Path file(String id, AudioRef audio) {
        return files.find(audio.sha256()).orElseThrow(() -> new IllegalStateException(
                "the audio file " + audio.sha256() + " of announcement " + id + " is missing from " + files.location()));
    }

    private Path convert(Path upload) throws IOException, InterruptedException, AudioCheck.NotPlayable {
        Path out = files.newTemporary(".wav");
        ffmpeg.orElseThrow().toWav(upload, out);
        return out;
    }

    private Refusal tooLarge() {
        return Refusal.tooLarge("the audio is larger than the limit of " + settings.maxUploadBytes()
                + " bytes (announce.max-upload-mb)");
    }

    private static Refusal unsupported(String message) {
        return Refusal.unsupportedType(message);
    }
}
