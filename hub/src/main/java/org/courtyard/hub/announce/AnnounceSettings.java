package org.courtyard.hub.announce;

import java.nio.file.Path;
import java.util.Optional;
import org.courtyard.hub.announce.internal.Ffmpeg;

/**
 * Settings of announcements on the hub.
 *
 * @param maxUploadBytes largest audio upload accepted ({@code announce.max-upload-mb}); a larger one is 413
 * @param ffmpeg the ffmpeg that converts MP3, M4A, Ogg, WebM, AMR and FLAC uploads to WAV; empty to accept
 *     WAV only (415 for other audio)
 */
public record AnnounceSettings(long maxUploadBytes, Optional<Path> ffmpeg) {

    /** {@code announce.max-upload-mb} by default: 20 MiB, about 8 minutes of 22 kHz mono speech. */
    public static final int DEFAULT_MAX_UPLOAD_MB = 20;

    public AnnounceSettings {
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("announce.max-upload-mb must be positive");
        }
        ffmpeg = ffmpeg == null ? Optional.empty() : ffmpeg;
    }

    /** 20 MiB, and ffmpeg if it is on the {@code PATH} now (the hub looks once, when it starts). */
    public static AnnounceSettings defaults() {
        return new AnnounceSettings(megabytes(DEFAULT_MAX_UPLOAD_MB), Ffmpeg.findOnPath());
    }

    public AnnounceSettings withMaxUploadMegabytes(long megabytes) {
        return new AnnounceSettings(megabytes(megabytes), ffmpeg);
    }

    public AnnounceSettings withFfmpeg(Optional<Path> executable) {
        return new AnnounceSettings(maxUploadBytes, executable);
    }

    private static long megabytes(long megabytes) {
        return megabytes * 1024 * 1024;
    }
}
