package org.courtyard.kiosk.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.courtyard.kiosk.Kiosk;
import org.courtyard.kiosk.KioskConfig;

/**
 * Real kiosks for UI tests: simulated hardware with a silent audio sink and no amplifier delays,
 * no courtyard alarm, and a hub address that refuses every connection, so the kiosk works
 * offline as it must in a village with a broken link.
 */
final class TestKiosks {

    private TestKiosks() {
    }

    /** A kiosk in {@code dir}; {@code extraConfig} lines (key=value) are added to its config file. */
    static Kiosk create(Path dir, String... extraConfig) {
        return create(dir, URI.create("http://127.0.0.1:1"), extraConfig);
    }

    /** As {@link #create(Path, String...)}, talking to the hub at {@code hub}. */
    static Kiosk create(Path dir, URI hub, String... extraConfig) {
        List<String> lines = new ArrayList<>(List.of(
                "hardware.audio.output=none",
                "hardware.audio.input=none",
                "hardware.speaker.warm-up-ms=0",
                "hardware.speaker.tail-ms=0",
                "help.alert-courtyard=false"));
        lines.addAll(List.of(extraConfig));
        Path file = dir.resolve("kiosk-test.properties");
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KioskConfig config = KioskConfig.parse(new String[] {"--hub", hub.toString(), "--kiosk-id", "k-test",
            "--token", "t", "--data", dir.resolve("data").toString(), "--hardware", "sim",
            "--config", file.toString()});
        return Kiosk.create(config, Clock.systemUTC());
    }
}
