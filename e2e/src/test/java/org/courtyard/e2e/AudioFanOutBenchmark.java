package org.courtyard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hub serving one announcement's audio to many kiosks at once: a hub process on this machine,
 * one announcement for everyone with a 5 MiB WAV, and in this process one client per kiosk (each
 * with its own kiosk token) downloading it at the same moment, hashing as it reads as a kiosk does.
 * Prints the total time, per-download p50/p99, throughput and errors (a failed request, a wrong
 * status, length or checksum). Client and hub share this machine's cores.
 *
 * <p>Run: {@code ./courtyard bench audio-fan-out [CLIENTS] [MEGABYTES]} (defaults 200, 5).
 */
public final class AudioFanOutBenchmark {

    private AudioFanOutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int megabytes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("courtyard-bench");
        // 44.1 kHz mono 16-bit: 88,200 bytes a second; the header is 44 bytes.
        int millis = (int) ((megabytes * 1024L * 1024L - 44) * 1000 / 88_200);
        byte[] wav = AnnounceApi.wav(44_100f, 1, millis);
        try (JavaProcess hub = Courtyard.hub(dir.resolve("hub"), Courtyard.NO_CONNECTION_CAP)) {
            HubApi api = Courtyard.api(hub);
            AnnounceApi staff = AnnounceApi.login(api.base(), "admin", Courtyard.ADMIN_PASSWORD);
            String id = staff.create("全乡通知", "NORMAL", "{\"all\":true}").get("id").asText();
            JsonNode stored = staff.upload(id, wav);
            String sha = stored.get("sha256").asText();
            long bytes = stored.get("bytes").asLong();
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                tokens.add(staff.createKiosk("小院" + i, "村" + (i % 4)).get("token").asText());
            }
            URI uri = api.base().resolve("/api/v1/announcements/" + id + "/audio");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(30)).build();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            CountDownLatch go = new CountDownLatch(1);
            AtomicInteger errors = new AtomicInteger();
            List<String> firstErrors = new ArrayList<>();
            long[] durations = new long[clients];
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int client = i;
                running.add(pool.submit(() -> {
                    go.await();
                    long start = System.nanoTime();
                    try {
                        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + tokens.get(client))
                                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                        MessageDigest digest = MessageDigest.getInstance("SHA-256");
                        long total = 0;
                        try (InputStream in = response.body()) {
                            byte[] buffer = new byte[64 * 1024];
                            int read;
                            while ((read = in.read(buffer)) != -1) {
                                digest.update(buffer, 0, read);
                                total += read;
                            }
                        }
                        String got = HexFormat.of().formatHex(digest.digest());
                        if (response.statusCode() != 200 || total != bytes || !got.equals(sha)) {
                            fail(errors, firstErrors, "status " + response.statusCode() + ", " + total + " bytes");
                        }
                    } catch (Exception e) {
                        fail(errors, firstErrors, e.toString());
                    }
                    durations[client] = System.nanoTime() - start;
                    return null;
                }));
            }
            long start = System.nanoTime();
            go.countDown();
            for (Future<?> future : running) {
                future.get();
            }
            long total = System.nanoTime() - start;
            pool.shutdown();
            double seconds = total / 1e9;
            System.out.printf(java.util.Locale.ROOT, "audio fan-out: %d clients x %.2f MB in %.2f s (%.0f MB/s), errors=%d%n",
                    clients, bytes / 1e6, seconds, clients * bytes / 1e6 / seconds, errors.get());
            System.out.println(Bench.summary("one download", durations));
            synchronized (firstErrors) {
                firstErrors.forEach(error -> System.out.println("  error: " + error));
            }
        }
    }

    private static void fail(AtomicInteger errors, List<String> firstErrors, String what) {
        errors.incrementAndGet();
        synchronized (firstErrors) {
            if (firstErrors.size() < 5) {
                firstErrors.add(what);
            }
        }
    }
}
