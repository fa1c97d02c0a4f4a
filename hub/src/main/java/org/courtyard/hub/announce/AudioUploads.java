package org.courtyard.hub.announce;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.courtyard.hub.announce.internal.AudioCheck;
import org.courtyard.hub.announce.internal.AudioFiles;
import org.courtyard.hub.announce.internal.Ffmpeg;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.HttpError;
import org.courtyard.protocol.AudioRef;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives an announcement's audio: a WAV is checked and kept as it is; other audio is converted
 * to WAV with ffmpeg when the hub has it. The result is stored under its checksum
 * ({@link AudioFiles}). Nothing is stored for a refused upload.
 */
final class AudioUploads {

    private static final Logger LOG = LoggerFactory.getLogger(AudioUploads.class);
    private static final Set<String> WAV_TYPES = Set.of("audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave");

    private final AudioFiles files;
    private final AnnounceSettings settings;
    private final Optional<Ffmpeg> ffmpeg;

    AudioUploads(AudioFiles files, AnnounceSettings settings) {
        this.files = files;
        this.settings = settings;
        this.ffmpeg = settings.ffmpeg().map(Ffmpeg::new);
    }

    /**
     * Reads the request body and stores it as a playable WAV.
     *
     * @throws HttpError 415 for a body that is not audio (or audio other than WAV without ffmpeg, or
     *     audio neither javax.sound nor ffmpeg can read), 413 over the upload limit, 400 for an empty body
     */
    AudioRef receive(Exchange exchange) throws IOException, InterruptedException {
        String declared = exchange.header(HttpHeader.CONTENT_TYPE.asString()).orElse(null);
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
        long declaredLength = exchange.request().getLength();
        if (declaredLength > settings.maxUploadBytes()) {
            throw tooLarge();
        }
        Path upload = files.newTemporary(".upload");
        Path converted = null;
        try {
            long length;
            try (InputStream in = Request.asInputStream(exchange.request())) {
                length = AudioFiles.copyAtMost(in, upload, settings.maxUploadBytes());
            } catch (AudioFiles.TooLarge e) {
                throw tooLarge();
            }
            if (length == 0) {
                throw HttpError.badRequest("the body is empty; send the audio file as the body", null);
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

    private Path convert(Path upload) throws IOException, InterruptedException, AudioCheck.NotPlayable {
        Path out = files.newTemporary(".wav");
        ffmpeg.orElseThrow().toWav(upload, out);
        return out;
    }

    private HttpError tooLarge() {
        return new HttpError(413, "too_large", "the audio is larger than the limit of " + settings.maxUploadBytes()
                + " bytes (announce.max-upload-mb)");
    }

    private static HttpError unsupported(String message) {
        return new HttpError(415, "unsupported_media_type", message);
    }
}
