package org.courtyard.kiosk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.courtyard.hardware.testing.TestHardware;

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

    /**
     * Starts a kiosk on {@code hardware} and {@code clock}, adding the loudspeaker's lines
     * ({@code relay …}, {@code audio …}) to {@code speakerLines} as they happen; the link lamp's
     * blinking (the hub being unreachable) is left out.
     */
    public static Kiosk startWithSpeakerLog(KioskConfig config, TestHardware hardware, Clock clock,
            List<String> speakerLines) {
        hardware.hardware().addActionListener(action -> {
            if (action.line().startsWith("relay") || action.line().startsWith("audio")) {
                speakerLines.add(action.line());
            }
        });
        Kiosk kiosk = Kiosk.create(config, hardware.hardware(), clock);
        kiosk.start();
        return kiosk;
    }
}
