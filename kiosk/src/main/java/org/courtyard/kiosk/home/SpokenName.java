package org.courtyard.kiosk.home;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.courtyard.hardware.AudioClip;
import org.courtyard.hardware.Wav;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resident's name as a clip, spoken before the unit's thanks and reminders (张桂英，谢谢您…).
 * In order:
 * <ol>
 *   <li>a recording the township made, {@code DATA/prompts/resident-name.wav} (a cadre's voice
 *       reads better to an elder than any synthesiser);</li>
 *   <li>the name spoken by the {@code home.name-voice} command (espeak-ng's Mandarin by default),
 *       made once per name by {@link #prepare} and kept as {@code DATA/home/name-SHA256.wav};</li>
 *   <li>none: the unit thanks without the name, and says why in its log.</li>
 * </ol>
 * {@link #prepare} runs the command, so it is called off the model thread; {@link #clip} only reads
 * what is there. Clips are 16 kHz mono, as the built-in prompts.
 */
public final class SpokenName {

    private static final Logger LOG = LoggerFactory.getLogger(SpokenName.class);
    private static final long COMMAND_SECONDS = 20;

    private final Path recorded;
    private final Path cacheDir;
    private final List<String> command;

    /**
     * @param dataDir the kiosk's data folder
     * @param command the {@code home.name-voice} words, {@code {file}} and {@code {text}} to replace;
     *     empty for none
     */
    public SpokenName(Path dataDir, List<String> command) {
        this.recorded = HomeSettings.recordedName(dataDir);
        this.cacheDir = dataDir.resolve("home");
        this.command = List.copyOf(command);
    }

    /**
     * Makes the spoken clip of {@code name} if there is no recording and none was made before;
     * blocks while the command runs (at most {@value #COMMAND_SECONDS} s). A failure is logged and
     * leaves the unit without the name.
     */
    public void prepare(String name) {
        if (Files.isRegularFile(recorded) || command.isEmpty() || Files.isRegularFile(cached(name))) {
            return;
        }
        Path target = cached(name);
        Path raw = target.resolveSibling(target.getFileName() + ".part");
        List<String> words = new ArrayList<>(command.size());
        for (String word : command) {
            words.add(word.replace("{file}", raw.toString()).replace("{text}", name));
        }
        try {
            Files.createDirectories(cacheDir);
            Process process = new ProcessBuilder(words).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                LOG.warn("Speaking the resident's name took longer than {} s; the unit thanks without it",
                        COMMAND_SECONDS);
                return;
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(raw)) {
                LOG.warn("'{}' failed (exit {}); the unit thanks without the resident's name", command.get(0),
                        process.exitValue());
                return;
            }
            Wav.write(Wav.convert(Wav.read(raw), 16_000f, 1), target);
            LOG.info("The resident's name is spoken by {} ({})", command.get(0), target.getFileName());
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Cannot speak the resident's name with '{}': {}; the unit thanks without it (install espeak-ng,"
                    + " or record the name as {})", command.get(0), e.getMessage(), recorded);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Files.deleteIfExists(raw);
            } catch (IOException e) {
                LOG.debug("Cannot delete {}", raw, e);
            }
        }
    }

    /** The clip of {@code name}: the recording, or the one {@link #prepare} made, or empty. */
    public Optional<AudioClip> clip(String name) {
        Path file = Files.isRegularFile(recorded) ? recorded : cached(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Wav.read(file));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("The resident's name in {} cannot be played: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    private Path cached(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return cacheDir.resolve("name-" + HexFormat.of().formatHex(digest) + ".wav");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }
}
