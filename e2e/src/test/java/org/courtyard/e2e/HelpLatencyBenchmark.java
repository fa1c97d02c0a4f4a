package org.courtyard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Press-to-visible-on-hub latency with the link up: a headless sim kiosk process and a hub
 * process on this machine; each round types {@code press} into the kiosk and times until the
 * staff event stream shows {@code help-created}, then staff cancel the request and the kiosk is
 * seen to follow before the next round (so each press makes a new request).
 *
 * <p>Run: {@code ./courtyard bench help-latency [ROUNDS]} (default 100). The simulated press holds
 * the button for three debounce periods (150 ms) before it counts, as a finger would; that is
 * part of the figure.
 */
public final class HelpLatencyBenchmark {

    private HelpLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Path dir = Files.createTempDirectory("courtyard-bench");
        try (JavaProcess hub = Courtyard.hub(dir.resolve("hub"))) {
            HubApi staff = Courtyard.api(hub).login("admin", Courtyard.ADMIN_PASSWORD);
            JsonNode kioskId = staff.createKiosk("基准小院", "和平村");
            try (HubApi.EventStream stream = staff.stream();
                    JavaProcess kiosk = Courtyard.kiosk(staff.base().toString(), kioskId, dir.resolve("kiosk"),
                            "help.alert-courtyard=false")) {
                kiosk.awaitLine(line -> line.contains("running headless"), Courtyard.START);
                waitForStatus(kiosk, "link=ONLINE");
                long[] latencies = new long[rounds];
                for (int i = 0; i < rounds; i++) {
                    int seen = stream.events().size();
                    long start = System.nanoTime();
                    kiosk.type("press");
                    String created = awaitEvent(stream, seen, "help-created");
                    latencies[i] = System.nanoTime() - start;
                    String id = org.courtyard.protocol.ProtocolJson.mapper()
                            .readTree(created.substring("help-created ".length())).get("id").asText();
                    staff.transition(id, "CANCELLED", "benchmark", null);
                    waitForStatus(kiosk, "help=CANCELLED");
                }
                System.out.println(Bench.summary("press-to-visible-on-hub (" + rounds + " presses)", latencies));
            }
        }
    }

    private static String awaitEvent(HubApi.EventStream stream, int from, String name) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> events = stream.events();
            for (int i = from; i < events.size(); i++) {
                if (events.get(i).startsWith(name + " ")) {
                    return events.get(i);
                }
            }
            stream.awaitMore(events.size(), Duration.ofMillis(200));
        }
        throw new IllegalStateException("no " + name + " event within 30 s");
    }

    private static void waitForStatus(JavaProcess kiosk, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        // Each status call is a real round trip to the kiosk process; no pause is needed between them.
        while (!kiosk.status().contains(expected)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("kiosk never showed " + expected + ":\n" + kiosk.output());
            }
        }
    }
}
