package org.courtyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.courtyard.kiosk.Kiosk;
import org.courtyard.kiosk.KioskConfig;
import org.courtyard.kiosk.core.LinkState;
import org.courtyard.kiosk.core.LocalHelpStatus;
import org.courtyard.kiosk.help.HelpStore;
import org.courtyard.kiosk.net.HubConnection;
import org.courtyard.kiosk.net.HubTls;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.kiosk.voice.internal.MemoQueue;
import org.courtyard.kiosk.voice.internal.MemoUploader;
import org.courtyard.protocol.HelpSource;
import org.courtyard.protocol.ProtocolJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS setup docs/deploy-pi.md recommends, end to end: the hub jar serves HTTPS with a certificate
 * that the township CA signed (made by deploy/hub/township-tls.sh, as docs/tls.md says), and a kiosk
 * with {@code tls.ca-file} gets a resident's photo and an announcement's audio over it and sends a
 * voice memo (issue 12: those three used to bypass the kiosk's TLS settings and failed here). With a
 * wrong {@code tls.pin-sha256} beside the right CA, the kiosk refuses the same hub: its link is
 * UNTRUSTED, nothing arrives, and a memo waits saying why. That the token never leaves the kiosk on
 * a refused handshake, for each of those callers, is kiosk's HubCallersTlsTest, which can see the
 * handshake.
 */
class TlsEndToEndIT {

    private static final Duration SOON = Duration.ofSeconds(60);
    private static final String TLS_PASSWORD = "e2e-keystore-password";
    private static final String WRONG_PIN = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

    @TempDir
    Path dir;

    @Test
    void photos_audio_and_memos_go_through_with_the_township_ca_and_are_refused_with_a_wrong_pin()
            throws Exception {
        Path tls = dir.resolve("tls");
        script("ca", tls.toString());
        script("hub", tls.toString(), "localhost", "127.0.0.1");
        Path caFile = tls.resolve("township-ca.crt");
        Path hubConfig = dir.resolve("hub.properties");
        Files.writeString(hubConfig, "tls.keystore=" + tls.resolve("hub.p12") + "\n", StandardCharsets.UTF_8);

        try (JavaProcess hub = JavaProcess.start("hub", JavaProcess.jar("courtyard.hub.jar"),
                Map.of("COURTYARD_ADMIN_PASSWORD", Courtyard.ADMIN_PASSWORD, "COURTYARD_TLS_PASSWORD", TLS_PASSWORD),
                "--port", "0", "--data", dir.resolve("hub").toString(), "--config", hubConfig.toString())) {
            String listening = hub.awaitLine(line -> line.startsWith("listening on https://"), Courtyard.START);
            HubApi staff = new HubApi(HubApi.fromListeningLine(listening),
                    HubTls.of(caFile, null, false).sslContext()).login("admin", Courtyard.ADMIN_PASSWORD);
            JsonNode registered = staff.createKiosk("和平村小院", "和平村");
            String photoSha = resident(staff);
            String announcementId = announcement(staff);

            // With the township CA: everything goes through.
            Path data = dir.resolve("kiosk");
            KioskConfig config = kiosk(data, staff, registered, "tls.ca-file=" + caFile);
            UUID requestId;
            try (Kiosk kiosk = Kiosk.create(config, Clock.systemUTC())) {
                kiosk.start();
                await().atMost(SOON).until(() -> kiosk.model().state().link() == LinkState.ONLINE);
                await().atMost(SOON).until(() -> Files.isRegularFile(data.resolve("photos").resolve(photoSha + ".jpg")));
                await().atMost(SOON).untilAsserted(() -> assertThat(staff.call("GET", "/api/v1/announcements/"
                        + announcementId + "/deliveries", null, 200).get(0).get("downloadedAt").isNull()).isFalse());

                kiosk.help().requestHelp(HelpSource.SCREEN, null);
                await().atMost(SOON).until(() -> kiosk.model().state().help() != null
                        && kiosk.model().state().help().status() == LocalHelpStatus.DELIVERED);
                requestId = kiosk.model().state().help().id();
            }
            byte[] memo = AnnounceApi.wav(16_000, 1, 700);
            uploadMemo(data, config.tls(), staff, registered, requestId, memo, "我摔倒了");
            JsonNode help = await().atMost(SOON).until(() -> staff.call("GET", "/api/v1/help-requests/" + requestId,
                    null, 200), node -> node.get("hasVoiceMemo").asBoolean());
            assertThat(help.at("/voiceMemo/bytes").asInt()).isEqualTo(memo.length);

            // The right CA but a wrong pin: the same hub is refused, by sync and by the memo upload.
            Path pinned = dir.resolve("kiosk-pinned");
            KioskConfig wrongPin = kiosk(pinned, staff, registered, "tls.ca-file=" + caFile,
                    "tls.pin-sha256=" + WRONG_PIN);
            try (Kiosk kiosk = Kiosk.create(wrongPin, Clock.systemUTC())) {
                kiosk.start();
                await().atMost(SOON).until(() -> kiosk.model().state().link() == LinkState.UNTRUSTED);
                assertThat(kiosk.model().state().linkDetail())
                        .contains("which is not the pinned tls.pin-sha256 (" + WRONG_PIN + ")");
                assertThat(kiosk.model().state().checkIn().residents()).isEmpty();
            }
            byte[] second = AnnounceApi.wav(16_000, 1, 900);
            try (KioskStore store = KioskStore.open(data)) {
                MemoQueue queue = new MemoQueue(store, data.resolve("memos"), Clock.systemUTC(), new HelpStore(store)::delivered);
                queue.save(requestId, second, 900, null);
                try (MemoUploader uploader = new MemoUploader(queue,
                        HubConnection.of(config.hub(), config.token(), wrongPin.tls()), Clock.systemUTC(),
                        Duration.ofSeconds(60))) {
                    uploader.start();
                    await().atMost(SOON).untilAsserted(() -> assertThat(queue.memo(requestId).orElseThrow()
                            .lastError()).contains("is not the pinned tls.pin-sha256"));
                }
            }
            assertThat(staff.call("GET", "/api/v1/help-requests/" + requestId, null, 200)
                    .at("/voiceMemo/bytes").asInt()).as("the hub still has the first memo only").isEqualTo(memo.length);
        }
    }

    /** A resident of the kiosk's village with a photo; returns the photo's checksum the roster announces. */
    private static String resident(HubApi staff) throws Exception {
        ObjectNode body = ProtocolJson.mapper().createObjectNode().put("name", "张桂英").put("village", "和平村")
                .put("type", "ELDER").put("checkInEveryDays", 1);
        String id = staff.call("POST", "/api/v1/residents", body, 201).get("id").asText();
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        image.setRGB(10, 10, 0xC0392B);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return staff.upload("PUT", "/api/v1/residents/" + id + "/photo", "image/png", png.toByteArray(), 200)
                .get("sha256").asText();
    }

    /** An announcement with audio for every kiosk; returns its id. */
    private static String announcement(HubApi staff) throws Exception {
        ObjectNode body = ProtocolJson.mapper().createObjectNode().put("title", "冬季防火").put("text", "冬季防火，请相互转告。")
                .put("priority", "NORMAL").put("outdoor", false);
        body.set("targets", ProtocolJson.mapper().readTree("{\"all\":true}"));
        String id = staff.call("POST", "/api/v1/announcements", body, 201).get("id").asText();
        staff.upload("PUT", "/api/v1/announcements/" + id + "/audio", "audio/wav", AnnounceApi.wav(16_000, 1, 1_500),
                200);
        return id;
    }

    private static KioskConfig kiosk(Path data, HubApi staff, JsonNode registered, String... tlsLines)
            throws Exception {
        Files.createDirectories(data);
        Path file = data.resolve("kiosk.properties");
        List<String> lines = new ArrayList<>(List.of("hardware.audio.output=none", "hardware.audio.input=none",
                "hardware.speaker.warm-up-ms=0", "hardware.speaker.tail-ms=0", "help.alert-courtyard=false",
                "sync.max-backoff-seconds=2"));
        lines.addAll(List.of(tlsLines));
        Files.write(file, lines, StandardCharsets.UTF_8);
        return KioskConfig.parse(new String[] {"--hub", staff.base().toString(), "--kiosk-id",
            registered.get("id").asText(), "--token", registered.get("token").asText(), "--data", data.toString(),
            "--hardware", "sim", "--config", file.toString()});
    }

    /** Queues a memo for the delivered request in the kiosk's database and lets the kiosk's uploader send it. */
    private static void uploadMemo(Path data, HubTls tls, HubApi staff, JsonNode registered, UUID requestId,
            byte[] wav, String transcript) throws Exception {
        try (KioskStore store = KioskStore.open(data)) {
            MemoQueue queue = new MemoQueue(store, data.resolve("memos"), Clock.systemUTC(), new HelpStore(store)::delivered);
            queue.save(requestId, wav, 700, transcript);
            try (MemoUploader uploader = new MemoUploader(queue, HubConnection.of(staff.base(),
                    registered.get("token").asText(), tls), Clock.systemUTC(), Duration.ofSeconds(60))) {
                uploader.start();
                await().atMost(SOON).until(() -> queue.memo(requestId).orElseThrow().uploadedAt() != null);
            }
        }
    }

    private static void script(String... args) throws Exception {
        Path script = Path.of(System.getProperty("courtyard.deploy.dir"), "hub", "township-tls.sh");
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("COURTYARD_TLS_PASSWORD", TLS_PASSWORD);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
