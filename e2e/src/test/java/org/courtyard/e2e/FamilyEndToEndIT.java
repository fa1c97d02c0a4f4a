package org.courtyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.courtyard.hardware.AudioClip;
import org.courtyard.hardware.HardwareFactory;
import org.courtyard.hardware.Wav;
import org.courtyard.kiosk.Kiosk;
import org.courtyard.kiosk.KioskConfig;
import org.courtyard.kiosk.core.FamilyView;
import org.courtyard.kiosk.core.LinkState;
import org.courtyard.kiosk.core.Screen;
import org.courtyard.protocol.ProtocolJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 空中陪护 both ways across the real parts: a hub process on port 0, a kiosk in this JVM with
 * simulated hardware whose microphone plays a recording through the hardware module's real capture,
 * and the son's phone as an HTTP client that keeps the hub's cookies as a browser does. The son
 * redeems his invitation and sends a voice message; the kiosk fetches its audio (已送达 on his
 * phone) and shows the envelope on his mother's tile; she checks in, is asked, listens on the
 * indoor speaker (never the loudspeaker relay; 已听 on his phone), holds 回复 and speaks; her reply
 * reaches his phone with the very samples the microphone gave, and he plays it.
 */
class FamilyEndToEndIT {

    private static final Duration SOON = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void a_sons_message_is_played_at_the_courtyard_after_her_check_in_and_her_reply_reaches_his_phone()
            throws Exception {
        AudioClip reply = RecordedMicrophone.burst(2_500);
        try (JavaProcess hub = Courtyard.hub(dir.resolve("hub"))) {
            HubApi staff = Courtyard.api(hub).login("admin", Courtyard.ADMIN_PASSWORD);
            JsonNode registered = staff.createKiosk("和平村幸福小院", "和平村");
            ObjectNode resident = ProtocolJson.mapper().createObjectNode().put("name", "张桂英").put("village", "和平村")
                    .put("type", "ELDER").put("checkInEveryDays", 1);
            String mother = staff.call("POST", "/api/v1/residents", resident, 201).get("id").asText();
            ObjectNode son = ProtocolJson.mapper().createObjectNode().put("name", "张伟").put("relation", "SON")
                    .put("phone", "13911112222");
            String contact = staff.call("POST", "/api/v1/residents/" + mother + "/family", son, 201).get("id").asText();
            String code = staff.call("POST", "/api/v1/family-contacts/" + contact + "/invite",
                    ProtocolJson.mapper().createObjectNode(), 201).get("code").asText();

            Phone phone = new Phone(staff.base());
            assertThat(phone.redeem(code, "482915").get("residentName").asText()).isEqualTo("张桂英");
            String sent = UUID.randomUUID().toString();
            byte[] message = Wav.write(RecordedMicrophone.burst(3_000));
            phone.send(sent, message);

            Path config = dir.resolve("kiosk.properties");
            Files.writeString(config, String.join("\n", "hardware.audio.output=none", "hardware.audio.input=none",
                    "hardware.speaker.warm-up-ms=0", "hardware.speaker.tail-ms=0", "help.alert-courtyard=false",
                    "sync.max-backoff-seconds=2", ""), StandardCharsets.UTF_8);
            KioskConfig kioskConfig = KioskConfig.parse(new String[] {"--hub", staff.base().toString(), "--kiosk-id",
                registered.get("id").asText(), "--token", registered.get("token").asText(), "--data",
                dir.resolve("kiosk").toString(), "--hardware", "sim", "--config", config.toString()});
            RecordedMicrophone hardware = new RecordedMicrophone(HardwareFactory.create(kioskConfig.hardware()), reply);
            Queue<String> actions = new ConcurrentLinkedQueue<>();
            hardware.addActionListener(action -> actions.add(action.line()));
            try (Kiosk kiosk = Kiosk.create(kioskConfig, hardware, Clock.systemUTC())) {
                kiosk.start();
                await().atMost(SOON).until(() -> kiosk.model().state().link() == LinkState.ONLINE);

                // The message and its audio come down; the envelope shows 1 and his phone says 已送达.
                await().atMost(SOON).until(() -> kiosk.family().unheard(mother) == 1);
                await().atMost(SOON).until(() -> !phone.message(sent).get("deliveredAt").isNull());
                assertThat(phone.message(sent).get("heardAt").isNull()).isTrue();

                // She taps her tile; after the thanks the kiosk asks whether she wants to hear her son.
                kiosk.checkIn().checkIn(mother);
                await().atMost(SOON).until(() -> shown(kiosk) != null && shown(kiosk).phase() == FamilyView.Phase.OFFER);
                assertThat(kiosk.model().state().screen()).isEqualTo(Screen.MESSAGES);
                assertThat(shown(kiosk).messageId()).isEqualTo(sent);
                assertThat(shown(kiosk).relation()).isEqualTo("SON");
                await().atMost(SOON).until(() -> "family.offer.SON".equals(kiosk.model().state().lastPrompt()));

                // 听: it plays to its end on the indoor speaker; the relay stays off.
                kiosk.family().hear();
                await().atMost(SOON).until(() -> shown(kiosk).phase() == FamilyView.Phase.PLAYED);
                // The hardware reports its lines on its own thread, in order: they may follow the phase.
                await().atMost(SOON).untilAsserted(() -> assertThat(actions)
                        .anySatisfy(line -> assertThat(line).startsWith("audio start message-" + sent))
                        .contains("audio end message-" + sent + " PLAYED"));
                assertThat(actions).doesNotContain("relay on");
                assertThat(kiosk.family().unheard(mother)).isZero();
                JsonNode heard = await().atMost(SOON).until(() -> phone.message(sent), m -> !m.get("heardAt").isNull());
                assertThat(heard.get("direction").asText()).isEqualTo("TO_RESIDENT");

                // 回复, held while she speaks, released when she is done.
                kiosk.family().startReply();
                await().atMost(SOON).until(() -> shown(kiosk).phase() == FamilyView.Phase.REPLIED);
                kiosk.family().stopReply();
                await().atMost(SOON).until(() -> "family.reply.saved".equals(kiosk.model().state().lastPrompt()));

                JsonNode back = await().atMost(SOON).until(() -> phone.messages().stream()
                        .filter(m -> m.get("direction").asText().equals("FROM_RESIDENT")).findFirst().orElse(null),
                        m -> m != null);
                assertThat(back.get("heardAt").isNull()).isTrue();
                AudioClip got = Wav.read("reply", phone.bytes(back.get("audio").asText()));
                assertThat(got.pcm()).as("the samples the microphone gave").isEqualTo(reply.pcm());
                assertThat(back.get("durationMs").asLong()).isEqualTo(2_500);
                assertThat(phone.heard(back.get("id").asText()).get("heardAt").isNull()).isFalse();
                // Whatever played before the last prompt ended has been reported by then.
                await().atMost(SOON).until(() -> actions.stream()
                        .anyMatch(line -> line.startsWith("audio end prompt-family.reply.saved ")));
                assertThat(actions).doesNotContain("relay on");
            }
        }
    }

    private static FamilyView.Shown shown(Kiosk kiosk) {
        return kiosk.model().state().family().shown();
    }

    /** The son's phone: its browser keeps the hub's cookies, so the family session rides along. */
    private static final class Phone {

        private final URI base;
        private final HttpClient http;

        Phone(URI base) {
            this.base = base;
            CookieManager cookies = new CookieManager();
            cookies.setCookiePolicy(CookiePolicy.ACCEPT_ALL);
            this.http = HttpClient.newBuilder().cookieHandler(cookies).build();
        }

        JsonNode redeem(String code, String pin) throws IOException, InterruptedException {
            ObjectNode body = ProtocolJson.mapper().createObjectNode().put("code", code).put("pin", pin);
            return json(send(HttpRequest.newBuilder(base.resolve("/api/v1/family/redeem"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(ProtocolJson.writeBytes(body))), 200));
        }

        void send(String id, byte[] wav) throws IOException, InterruptedException {
            send(HttpRequest.newBuilder(base.resolve("/api/v1/family/messages?id=" + id))
                    .header("Content-Type", "audio/wav").POST(HttpRequest.BodyPublishers.ofByteArray(wav)), 201);
        }

        List<JsonNode> messages() throws IOException, InterruptedException {
            JsonNode list = json(send(HttpRequest.newBuilder(base.resolve("/api/v1/family/messages")).GET(), 200));
            List<JsonNode> all = new java.util.ArrayList<>();
            list.forEach(all::add);
            return all;
        }

        JsonNode message(String id) throws IOException, InterruptedException {
            return messages().stream().filter(m -> m.get("id").asText().equals(id)).findFirst().orElseThrow();
        }

        JsonNode heard(String id) throws IOException, InterruptedException {
            return json(send(HttpRequest.newBuilder(base.resolve("/api/v1/family/messages/" + id + "/heard"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")), 200));
        }

        byte[] bytes(String path) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(base.resolve(path)).GET(), 200);
        }

        private byte[] send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
            HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as("%s answered %s", response.request().uri(),
                    new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(expected);
            return response.body();
        }

        private static JsonNode json(byte[] body) throws IOException {
            return ProtocolJson.mapper().readTree(body);
        }
    }
}
