package org.courtyard.hub.announce.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Converts uploaded audio of other formats (MP3, AAC/M4A, Ogg/Opus, WebM from a browser recording,
 * AMR from a phone, FLAC) to what every kiosk plays: a WAV of 16-bit PCM, mono, 22,050 Hz, which is
 * plenty for speech over a horn loudspeaker and keeps a five-minute notice under 14 MB.
 */
public final class Ffmpeg {

    /** Longest a conversion may run; a five-minute MP3 takes well under a second. */
    public static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final Path executable;

    public Ffmpeg(Path executable) {
        this.executable = executable;
    }

    /** {@code ffmpeg} on the {@code PATH}, if there is one (looked up once, when the hub starts). */
    public static Optional<Path> findOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, "ffmpeg");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public Path executable() {
        return executable;
    }

    /**
     * Converts {@code in} into the WAV file {@code out}.
     *
     * @throws AudioCheck.NotPlayable if ffmpeg cannot read the input, with the first line it printed
     * @throws IOException if ffmpeg cannot be started or does not finish within {@link #TIMEOUT}
     */
    public void toWav(Path in, Path out) throws IOException, InterruptedException, AudioCheck.NotPlayable {
        Path log = Files.createTempFile(out.getParent(), "ffmpeg-", ".log");
        try {
            Process process = new ProcessBuilder(List.of(executable.toString(), "-nostdin", "-hide_banner",
                    "-loglevel", "error", "-y", "-i", in.toString(), "-vn", "-ac", "1", "-ar", "22050",
                    "-c:a", "pcm_s16le", "-f", "wav", out.toString()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(log.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("ffmpeg did not finish converting within " + TIMEOUT.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                String said = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                        .map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse("no message");
                // ffmpeg names the input file; the uploader never saw our temp file's name.
                said = said.replace(in.toString(), "the upload");
                throw new AudioCheck.NotPlayable("ffmpeg cannot read the body as audio: " + said, null);
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
