package org.courtyard.kiosk.speech;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;
import org.courtyard.hardware.AudioClip;
import org.courtyard.hardware.Wav;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's words: on-screen text from the {@code messages} resource bundle (simplified
 * Chinese), and the spoken clip of each prompt. A clip is looked up first in the deployment's
 * prompt folder ({@code DATA/prompts/KEY.wav}, where a township can put a local voice in dialect),
 * then in the jar ({@code /org/courtyard/kiosk/prompts/KEY.wav}).
 */
public final class Prompts {

    private static final Logger LOG = LoggerFactory.getLogger(Prompts.class);
    private static final Locale LOCALE = Locale.SIMPLIFIED_CHINESE;

    private final ResourceBundle bundle;
    private final Path overrideDir;

    public Prompts(Path overrideDir) {
        this.bundle = ResourceBundle.getBundle("org.courtyard.kiosk.messages", LOCALE);
        this.overrideDir = overrideDir;
    }

    /** The text for {@code key}, with {@code {0}}-style arguments filled in. */
    public String text(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalArgumentException("no message for key '" + key + "'", e);
        }
        return args.length == 0 ? pattern : new java.text.MessageFormat(pattern, LOCALE).format(args);
    }

    /** Whether the bundle has a text for {@code key}. */
    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    /** The spoken clip for {@code key}, or empty when neither the deployment nor the jar has one. */
    public Optional<AudioClip> clip(String key) {
        String file = key + ".wav";
        try {
            if (overrideDir != null) {
                Path local = overrideDir.resolve(file);
                if (Files.isRegularFile(local)) {
                    return Optional.of(Wav.read("prompt-" + key, Files.readAllBytes(local)));
                }
            }
            try (InputStream in = Prompts.class.getResourceAsStream("/org/courtyard/kiosk/prompts/" + file)) {
                if (in == null) {
                    return Optional.empty();
                }
                return Optional.of(Wav.read("prompt-" + key, in.readAllBytes()));
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Prompt clip '{}' cannot be played: {}", key, e.getMessage());
            return Optional.empty();
        }
    }
}
