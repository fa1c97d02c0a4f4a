package org.courtyard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Publish-to-loudspeaker latency of an EMERGENCY announcement with the link up: a hub process and a
 * headless sim kiosk process on this machine, the kiosk idle and long-polling. Each round staff
 * create an EMERGENCY announcement for the kiosk and upload its audio (a 0.3 s WAV), as the staff
 * page does; the time runs from sending the create until the kiosk prints {@code relay on}, and,
 * as a second figure, from the upload's answer until then. The round ends when the play is over
 * ({@code relay off}).
 *
 * <p>The kiosk hears of each change through its held long-poll (the hub wakes it on commit),
 * downloads the audio, checks its SHA-256, and switches the relay before the amplifier warm-up, so
 * the warm-up (1.5 s by default; 0 here to keep rounds short) is not part of the figure.
 *
 * <p>Run: {@code ./courtyard bench emergency-latency [ROUNDS]} (default 20).
 */
public final class EmergencyLatencyBenchmark {

    private static final Duration ROUND = Duration.ofSeconds(30);

    private EmergencyLatencyBenchmark() {
    }

    private static int slowest(long[] nanos) {
        int index = 0;
        for (int i = 1; i < nanos.length; i++) {
            if (nanos[i] > nanos[index]) {
                index = i;
            }
        }
        return index;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path dir = Files.createTempDirectory("courtyard-bench");
        byte[] audio = AnnounceApi.wav(16_000f, 1, 300);
        try (JavaProcess hub = Courtyard.hub(dir.resolve("hub"))) {
            HubApi api = Courtyard.api(hub);
            AnnounceApi staff = AnnounceApi.login(api.base(), "admin", Courtyard.ADMIN_PASSWORD);
            JsonNode kiosk = staff.createKiosk("基准小院", "和平村");
            String targets = "{\"kiosks\":[\"" + kiosk.get("id").asText() + "\"]}";
            try (JavaProcess process = Courtyard.kiosk(api.base().toString(), kiosk, dir.resolve("kiosk"),
                    "help.alert-courtyard=false")) {
                process.awaitLine(line -> line.contains("running headless"), Courtyard.START);
                long deadline = System.nanoTime() + ROUND.toNanos();
                // Each status call is a round trip to the kiosk process; no pause is needed between them.
                while (!process.status().contains("link=ONLINE")) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the kiosk never came online:\n" + process.output());
                    }
                }
                long[] fromCreate = new long[rounds];
                long[] fromUpload = new long[rounds];
                for (int i = 0; i < rounds; i++) {
                    int from = process.lineCount();
                    long start = System.nanoTime();
                    String id = staff.create("紧急通知 " + (i + 1), "EMERGENCY", targets).get("id").asText();
                    staff.upload(id, audio);
                    long uploaded = System.nanoTime();
                    process.awaitLineAfter(from, line -> line.equals("relay on"), ROUND);
                    long relayOn = System.nanoTime();
                    fromCreate[i] = relayOn - start;
                    fromUpload[i] = relayOn - uploaded;
                    process.awaitLineAfter(from, line -> line.equals("relay off"), ROUND);
                }
                System.out.println(Bench.summary("publish-to-relay-on (" + rounds + " emergencies, create+upload)",
                        fromCreate));
                System.out.println(Bench.summary("upload-answered-to-relay-on", fromUpload));
                System.out.printf(java.util.Locale.ROOT, "first round (cold kiosk and hub): %.1f ms; slowest round: #%d%n",
                        fromCreate[0] / 1e6, slowest(fromCreate) + 1);
            }
        }
    }
}
