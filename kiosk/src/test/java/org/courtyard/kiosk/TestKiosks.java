package org.courtyard.kiosk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Kiosk configurations for tests: simulated hardware, no sound card, an unreachable hub. */
public final class TestKiosks {

    private TestKiosks() {
    }

    /** A sim kiosk config in {@code dir}; {@code extra} lines are added to its config file. */
    public static KioskConfig config(Path dir, String hub, String... extra) throws IOException {
        Path file = dir.resolve("kiosk.properties");
        StringBuilder text = new StringBuilder("""
                hardware.audio.output=none
                hardware.audio.input=none
                hardware.speaker.warm-up-ms=0
                hardware.speaker.tail-ms=0
                """);
        for (String line : extra) {
            text.append(line).append('\n');
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return KioskConfig.parse(new String[] {"--hub", hub, "--kiosk-id", "k-test", "--token", "test-token",
            "--data", dir.resolve("data").toString(), "--hardware", "sim", "--config", file.toString()});
    }
}
