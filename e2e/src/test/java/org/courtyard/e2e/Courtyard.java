package org.courtyard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Starts hubs and headless sim kiosks from the built jars, as the README's commands do. */
final class Courtyard {

    static final String ADMIN_PASSWORD = "e2e-admin-password";
    static final Duration START = Duration.ofSeconds(60);

    private Courtyard() {
    }

    /** Starts a hub on a free port and waits for its {@code listening on} line. */
    static JavaProcess hub(Path data) throws IOException {
        return JavaProcess.start("hub", JavaProcess.jar("courtyard.hub.jar"),
                Map.of("COURTYARD_ADMIN_PASSWORD", ADMIN_PASSWORD),
                "--port", "0", "--data", data.toString());
    }

    /**
     * Starts a hub again on {@code port}, the port it had before it was stopped (its kiosks know the
     * hub by that address), and waits for nothing: {@link #api} waits for its {@code listening on} line.
     */
    static JavaProcess hub(Path data, int port) throws IOException {
        return JavaProcess.start("hub", JavaProcess.jar("courtyard.hub.jar"),
                Map.of("COURTYARD_ADMIN_PASSWORD", ADMIN_PASSWORD),
                "--port", String.valueOf(port), "--data", data.toString());
    }

    /**
     * Turns the hub's per-address connection cap off: a benchmark's hundreds of simulated kiosks all
     * connect from this machine's one address, where real kiosks each have their own.
     */
    static final String NO_CONNECTION_CAP = "http.max-connections-per-address=0";

    /**
     * A hub with these lines in its {@code --config} file, e.g.
     * {@link #NO_CONNECTION_CAP}.
     */
    static JavaProcess hub(Path data, String... settings) throws IOException {
        return hub(data, List.of(), settings);
    }

    /** {@link #hub(Path, String...)} with more command-line arguments, e.g. {@code --print-routes}. */
    static JavaProcess hub(Path data, List<String> arguments, String... settings) throws IOException {
        Files.createDirectories(data);
        Path config = data.resolve("hub.properties");
        Files.writeString(config, String.join("\n", settings) + "\n", StandardCharsets.UTF_8);
        List<String> all = new java.util.ArrayList<>(List.of("--port", "0", "--data", data.toString(), "--config",
                config.toString()));
        all.addAll(arguments);
        return JavaProcess.start("hub", JavaProcess.jar("courtyard.hub.jar"),
                Map.of("COURTYARD_ADMIN_PASSWORD", ADMIN_PASSWORD), all.toArray(String[]::new));
    }

    static HubApi api(JavaProcess hub) throws InterruptedException {
        String line = hub.awaitLine(text -> text.startsWith("listening on http://"), START);
        return new HubApi(HubApi.fromListeningLine(line));
    }

    /** A headless kiosk with simulated hardware and no sound card, talking to {@code hub}. */
    static JavaProcess kiosk(String hubUrl, JsonNode kiosk, Path data, String... extraConfig) throws IOException {
        Path config = config(data, extraConfig);
        return JavaProcess.start("kiosk", JavaProcess.jar("courtyard.kiosk.jar"), Map.of(),
                "--hub", hubUrl, "--kiosk-id", kiosk.get("id").asText(), "--token", kiosk.get("token").asText(),
                "--data", data.toString(), "--hardware", "sim", "--headless", "--config", config.toString());
    }

    /**
     * A headless sim kiosk started without {@code --hub}, {@code --kiosk-id} or {@code --token}: it
     * runs on the credentials enrolment saved in {@code data}, or asks to be enrolled.
     */
    static JavaProcess kioskWithoutCredentials(Path data, String... extraConfig) throws IOException {
        Path config = config(data, extraConfig);
        return JavaProcess.start("kiosk", JavaProcess.jar("courtyard.kiosk.jar"), Map.of(),
                "--data", data.toString(), "--hardware", "sim", "--headless", "--config", config.toString());
    }

    private static Path config(Path data, String... extraConfig) throws IOException {
        Files.createDirectories(data);
        Path config = data.resolve("kiosk.properties");
        Files.writeString(config, String.join("\n",
                "hardware.audio.output=none",
                "hardware.audio.input=none",
                "hardware.speaker.warm-up-ms=0",
                "hardware.speaker.tail-ms=0",
                "sync.max-backoff-seconds=2",
                String.join("\n", extraConfig),
                ""), StandardCharsets.UTF_8);
        return config;
    }
}
