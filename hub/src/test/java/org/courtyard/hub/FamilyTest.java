package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.courtyard.hub.api.family.FamilyFeature;
import org.courtyard.protocol.ProtocolJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 空中陪护 through the real hub: staff register a son and invite him; his phone redeems the
 * invitation with a PIN and sees his mother's day; he sends a voice message; the kiosks of her
 * village get it, fetch its audio by checksum, report it delivered and heard; he sees 已送达 and
 * 已听; a reply recorded at the kiosk reaches him alone. And the walls: a family session reaches
 * nothing but the family routes, another family's messages are not there for it, a revoked
 * contact is out at once, wrong PINs lock, a child's contacts come from the ledger, old messages
 * go with their audio.
 */
class FamilyTest {

    @TempDir
    Path dir;

    TestHub hub;
    TestHub.Kiosk kiosk;
    TestHub.Kiosk otherKiosk;
    String mother;

    @BeforeEach
    void start() {
        hub = new TestHub(dir);
        kiosk = hub.kiosk("和平村幸福小院", "和平村");
        otherKiosk = hub.kiosk("大寨村幸福小院", "大寨村");
        mother = hub.resident("张桂英", "和平村", "ELDER");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    /** A phone's browser: keeps the hub's cookies, as WeChat's browser does. */
    final class Phone {
        final HttpClient http;

        Phone() {
            CookieManager cookies = new CookieManager();
            cookies.setCookiePolicy(CookiePolicy.ACCEPT_ALL);
            http = HttpClient.newBuilder().cookieHandler(cookies).build();
        }

        TestHub.Answer post(String path, Object body) throws Exception {
            return answer(HttpRequest.newBuilder(hub.uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(ProtocolJson.write(body))).build());
        }

        TestHub.Answer get(String path) throws Exception {
            return answer(HttpRequest.newBuilder(hub.uri(path)).GET().build());
        }

        TestHub.Answer send(String id, byte[] wav) throws Exception {
            return answer(HttpRequest.newBuilder(hub.uri("/api/v1/family/messages?id=" + id))
                    .header("Content-Type", "audio/wav").POST(HttpRequest.BodyPublishers.ofByteArray(wav)).build());
        }

        byte[] bytes(String path) throws Exception {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(hub.uri(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        }

        TestHub.Answer answer(HttpRequest request) throws Exception {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new TestHub.Answer(response.statusCode(), response.body(), response.headers());
        }
    }

    String contact(String residentId, String name, String relation, String phone) {
        TestHub.Answer answer = hub.post("/api/v1/residents/" + residentId + "/family", hub.adminToken,
                Map.of("name", name, "relation", relation, "phone", phone));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("id").asText();
    }

    JsonNode invite(String contactId) {
        TestHub.Answer answer = hub.post("/api/v1/family-contacts/" + contactId + "/invite", hub.adminToken, Map.of());
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json();
    }

    /** A phone that redeemed a new invitation of {@code contactId} with {@code pin}. */
    Phone signedUp(String contactId, String pin) throws Exception {
        Phone phone = new Phone();
        String code = invite(contactId).get("code").asText();
        TestHub.Answer redeemed = phone.post("/api/v1/family/redeem", Map.of("code", code, "pin", pin));
        assertThat(redeemed.status()).as(redeemed.body()).isEqualTo(200);
        return phone;
    }

    @Test
    void the_family_contacts_come_a_page_at_a_time_by_village_and_name_and_a_cadre_walks_their_village() {
        String wang = hub.resident("王德福", "大寨村", "ELDER");
        String li = hub.resident("李秀兰", "和平村", "ELDER");
        // A minute apart: one resident's contacts come in the order they were added.
        for (String[] one : new String[][] {{mother, "张伟", "SON", "13911112222"},
                {mother, "张丽", "DAUGHTER", "13911113333"}, {wang, "王强", "SON", "13911114444"},
                {li, "李明", "SON", "13911115555"}, {li, "李红", "DAUGHTER", "13911116666"}}) {
            hub.clock.advance(Duration.ofMinutes(1));
            contact(one[0], one[1], one[2], one[3]);
        }

        List<String> seen = new ArrayList<>();
        int pages = 0;
        for (String path = "/api/v1/family-contacts?limit=2"; path != null; pages++) {
            TestHub.Answer page = hub.get(path, hub.adminToken);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().forEach(contact -> seen.add(contact.get("residentName").asText() + "/" + contact.get("name")
                    .asText()));
            path = page.next().orElse(null);
        }

        assertThat(seen).containsExactly("张桂英/张伟", "张桂英/张丽", "李秀兰/李明", "李秀兰/李红", "王德福/王强");
        assertThat(pages).isEqualTo(3);
        String cadre = hub.user("zhou", "CADRE", "大寨村");
        TestHub.Answer theirs = hub.get("/api/v1/family-contacts?limit=2", cadre);
        assertThat(theirs.json()).extracting(c -> c.get("name").asText()).containsExactly("王强");
        assertThat(theirs.next()).isEmpty();
        hub.assertPagingBounds("/api/v1/family-contacts", hub.adminToken, 1000);
    }

    @Test
    void a_familys_messages_come_newest_first_a_page_at_a_time_to_the_last_one() throws Exception {
        Phone phone = signedUp(contact(mother, "张伟", "SON", "13911112222"), "482915");
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            hub.clock.advance(Duration.ofMinutes(1));
            String id = UUID.randomUUID().toString();
            assertThat(phone.send(id, VoiceMemoTest.wav(1000)).status()).isEqualTo(201);
            sent.add(0, id);
        }

        List<String> seen = new ArrayList<>();
        int pages = 0;
        for (String path = "/api/v1/family/messages?limit=2"; path != null; pages++) {
            TestHub.Answer page = phone.get(path);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().forEach(message -> seen.add(message.get("id").asText()));
            path = page.next().orElse(null);
        }

        assertThat(seen).as("newest first, each once (the list used to stop at 100 without saying so)")
                .containsExactlyElementsOf(sent);
        assertThat(pages).isEqualTo(3);
        assertThat(phone.get("/api/v1/family/messages").next()).as("all on the default page").isEmpty();
        assertThat(phone.get("/api/v1/family/messages?limit=501").status()).isEqualTo(400);
        assertThat(phone.get("/api/v1/family/messages?cursor=nonsense").status()).isEqualTo(400);
    }

    @Test
    void a_son_far_away_redeems_his_invitation_sees_his_mother_checked_in_and_his_message_is_delivered_and_heard()
            throws Exception {
        String son = contact(mother, "张伟", "SON", "13911112222");
        JsonNode invitation = invite(son);
        assertThat(invitation.get("code").asText()).matches("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}");
        assertThat(invitation.get("link").asText()).startsWith(hub.uri("/family/").toString() + "#code=");
        assertThat(invitation.get("expiresAt").asText()).isEqualTo(TestHub.START.plus(Duration.ofDays(14)).toString());
        assertThat(invitation.get("qrSvg").asText()).startsWith("<svg").contains("<path");
        hub.sync(kiosk, null, TestHub.checkedIn(mother, TestHub.START.minusSeconds(600), true));

        Phone phone = new Phone();
        TestHub.Answer redeemed = phone.post("/api/v1/family/redeem",
                Map.of("code", invitation.get("code").asText().toLowerCase(), "pin", "482915"));
        assertThat(redeemed.status()).as(redeemed.body()).isEqualTo(200);
        assertThat(redeemed.json().get("residentName").asText()).isEqualTo("张桂英");
        assertThat(redeemed.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("courtyard_family=").contains("Path=/api/v1/family/", "HttpOnly", "SameSite=Strict"));
        JsonNode today = phone.get("/api/v1/family/today").json();
        assertThat(today.get("today")).hasSize(1);
        assertThat(today.get("today").get(0).get("where").asText()).isEqualTo("和平村幸福小院");
        assertThat(today.get("checkedInDays").toString()).contains("2026-11-29");

        String id = UUID.randomUUID().toString();
        byte[] wav = VoiceMemoTest.wav(1500);
        assertThat(phone.send(id, wav).status()).isEqualTo(201);
        assertThat(phone.send(id, wav).status()).as("a retried send stores it once").isEqualTo(200);

        // The village's kiosk gets it; the other village's does not.
        JsonNode answer = hub.sync(kiosk, null).json();
        assertThat(answer.get("messages")).hasSize(1);
        JsonNode message = answer.get("messages").get(0);
        assertThat(message.get("id").asText()).isEqualTo(id);
        assertThat(message.get("relation").asText()).isEqualTo("SON");
        assertThat(message.get("audio").get("sha256").asText()).isEqualTo(VoiceMemoTestSupport.sha256(wav));
        assertThat(hub.sync(otherKiosk, null).json().get("messages")).isEmpty();
        HttpResponse<byte[]> rest = hub.http.send(HttpRequest.newBuilder(hub.uri("/api/v1/family-messages/" + id
                + "/audio")).header("Authorization", "Bearer " + kiosk.token()).header("Range", "bytes=100-")
                .header("If-Range", "\"" + message.get("audio").get("sha256").asText() + "\"").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(rest.statusCode()).isEqualTo(206);
        assertThat(rest.body()).hasSize(wav.length - 100);
        assertThat(hub.get("/api/v1/family-messages/" + id + "/audio", otherKiosk.token()).status()).isEqualTo(404);

        String cursor = answer.get("cursor").asText();
        hub.clock.advance(Duration.ofMinutes(1));
        hub.sync(kiosk, cursor, TestHub.event(UUID.randomUUID(), "MESSAGE_DELIVERED", hub.clock.instant(), true,
                Map.of("messageId", id)));
        assertThat(phone.get("/api/v1/family/messages").json().get(0).get("deliveredAt").asText())
                .isEqualTo(hub.clock.instant().toString());
        hub.clock.advance(Duration.ofMinutes(5));
        JsonNode heard = hub.sync(kiosk, cursor, TestHub.event(UUID.randomUUID(), "MESSAGE_HEARD", hub.clock.instant(),
                true, Map.of("messageId", id))).json();
        assertThat(heard.get("messages").get(0).get("heardAt").asText()).isEqualTo(hub.clock.instant().toString());
        JsonNode listed = phone.get("/api/v1/family/messages").json().get(0);
        assertThat(listed.get("heardAt").asText()).isEqualTo(hub.clock.instant().toString());
        assertThat(phone.bytes(listed.get("audio").asText())).isEqualTo(wav);

        // Staff see that messages exist, not what they say.
        JsonNode contacts = hub.get("/api/v1/residents/" + mother + "/family", hub.adminToken).json();
        assertThat(contacts.get(0).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(contacts.get(0).get("toResident").asInt()).isEqualTo(1);
        assertThat(contacts.get(0).get("phone").asText()).isEqualTo("139****2222");
        assertThat(hub.get(listed.get("audio").asText(), hub.adminToken).status()).isEqualTo(403);
        assertThat(hub.column("SELECT action FROM audit_log WHERE action LIKE 'family.%' ORDER BY seq"))
                .containsExactly("family.contact.create", "family.invite", "family.redeem", "family.message.send");
    }

    @Test
    void a_home_unit_gets_only_its_own_residents_messages_and_their_audio_not_the_neighbours()
            throws Exception {
        String neighbour = hub.resident("王德福", "和平村", "ELDER");
        TestHub.Answer registered = hub.post("/api/v1/kiosks", hub.adminToken,
                Map.of("name", "张桂英家", "village", "和平村", "kind", "HOME", "residentId", mother));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        TestHub.Kiosk unit = new TestHub.Kiosk(registered.json().get("id").asText(),
                registered.json().get("token").asText(), "和平村");
        String toMother = UUID.randomUUID().toString();
        String toNeighbour = UUID.randomUUID().toString();
        assertThat(signedUp(contact(mother, "张伟", "SON", "13911112222"), "482915")
                .send(toMother, VoiceMemoTest.wav(800)).status()).isEqualTo(201);
        assertThat(signedUp(contact(neighbour, "王强", "SON", "13955556666"), "739146")
                .send(toNeighbour, VoiceMemoTest.wav(900)).status()).isEqualTo(201);

        // The courtyard kiosk of the village holds both; the unit in her home only hers.
        assertThat(hub.sync(kiosk, null).json().get("messages")).extracting(m -> m.get("id").asText())
                .containsExactlyInAnyOrder(toMother, toNeighbour);
        assertThat(hub.sync(unit, null).json().get("messages")).extracting(m -> m.get("id").asText())
                .containsExactly(toMother);
        assertThat(hub.get("/api/v1/family-messages/" + toMother + "/audio", unit.token()).status()).isEqualTo(200);
        assertThat(hub.get("/api/v1/family-messages/" + toNeighbour + "/audio", unit.token()).status())
                .isEqualTo(404);
        HttpRequest reply = HttpRequest.newBuilder(hub.uri("/api/v1/family-messages/" + UUID.randomUUID()
                + "?replyTo=" + toNeighbour)).header("Authorization", "Bearer " + unit.token())
                .header("Content-Type", "audio/wav").PUT(HttpRequest.BodyPublishers.ofByteArray(VoiceMemoTest.wav(700)))
                .build();
        assertThat(hub.send(reply).status()).as("a home unit answers for its own resident only").isEqualTo(403);
    }

    @Test
    void a_reply_recorded_at_the_kiosk_reaches_the_family_member_who_wrote_and_he_marks_it_heard() throws Exception {
        Phone son = signedUp(contact(mother, "张伟", "SON", "13911112222"), "482915");
        Phone daughter = signedUp(contact(mother, "张丽", "DAUGHTER", "13933334444"), "739146");
        String sent = UUID.randomUUID().toString();
        son.send(sent, VoiceMemoTest.wav(800));
        hub.clock.advance(Duration.ofHours(2));
        String reply = UUID.randomUUID().toString();
        byte[] wav = VoiceMemoTest.wav(1200);

        HttpRequest put = HttpRequest.newBuilder(hub.uri("/api/v1/family-messages/" + reply + "?replyTo=" + sent))
                .header("Authorization", "Bearer " + kiosk.token()).header("Content-Type", "audio/wav")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(wav)).build();
        assertThat(hub.send(put).status()).isEqualTo(201);
        assertThat(hub.send(put).status()).isEqualTo(200);
        HttpRequest fromOther = HttpRequest.newBuilder(hub.uri("/api/v1/family-messages/" + UUID.randomUUID()
                + "?replyTo=" + sent)).header("Authorization", "Bearer " + otherKiosk.token())
                .header("Content-Type", "audio/wav").PUT(HttpRequest.BodyPublishers.ofByteArray(wav)).build();
        assertThat(hub.send(fromOther).status()).isEqualTo(403);

        JsonNode list = son.get("/api/v1/family/messages").json();
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("direction").asText()).isEqualTo("FROM_RESIDENT");
        assertThat(daughter.get("/api/v1/family/messages").json()).isEmpty();
        assertThat(daughter.get("/api/v1/family/messages/" + reply + "/audio").status()).isEqualTo(404);
        assertThat(son.bytes("/api/v1/family/messages/" + reply + "/audio")).isEqualTo(wav);
        assertThat(son.post("/api/v1/family/messages/" + reply + "/heard", Map.of()).json().get("heardAt").asText())
                .isEqualTo(hub.clock.instant().toString());
        assertThat(son.post("/api/v1/family/messages/" + sent + "/heard", Map.of()).status()).isEqualTo(409);
    }

    @Test
    void a_family_session_reaches_no_route_but_the_family_pages_own() throws Exception {
        Phone phone = signedUp(contact(mother, "张伟", "SON", "13911112222"), "482915");
        List<String> reached = new ArrayList<>();
        for (var route : hub.hub.routes()) {
            boolean family = route.access().name().equals("FAMILY") || route.pattern().startsWith("/api/v1/family/");
            if (family || route.access().isPublic()) {
                continue;
            }
            String path = route.pattern().replaceAll("\\{[A-Za-z]+\\}", "x-1");
            HttpRequest.Builder request = HttpRequest.newBuilder(hub.uri(path)).header("Content-Type",
                    "application/json").method(route.method(), HttpRequest.BodyPublishers.ofString("{}"));
            // The family cookie is sent only to its own prefix; a stolen token as a bearer must not do more.
            String token = sessionToken(phone);
            request.header("Authorization", "Bearer " + token);
            int status = hub.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 403) {
                reached.add(route + " -> " + status);
            }
        }
        assertThat(reached).isEmpty();
        assertThat(hub.get("/api/v1/family/me", hub.adminToken).status()).isEqualTo(403);
        assertThat(hub.get("/api/v1/family/me", kiosk.token()).status()).isEqualTo(403);
        assertThat(hub.get("/api/v1/family/me", null).status()).isEqualTo(401);
    }

    private String sessionToken(Phone phone) {
        CookieManager cookies = (CookieManager) phone.http.cookieHandler().orElseThrow();
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("courtyard_family"))
                .findFirst().orElseThrow().getValue();
    }

    @Test
    void revoking_a_contact_ends_its_sessions_at_once_and_its_invitation_no_longer_works() throws Exception {
        String son = contact(mother, "张伟", "SON", "13911112222");
        Phone phone = signedUp(son, "482915");
        String unused = invite(son).get("code").asText();

        assertThat(hub.post("/api/v1/family-contacts/" + son + "/revoke", hub.adminToken, Map.of()).json()
                .get("status").asText()).isEqualTo("REVOKED");

        assertThat(phone.get("/api/v1/family/today").status()).isEqualTo(401);
        assertThat(phone.post("/api/v1/family/signin", Map.of("pin", "482915")).json().get("error").get("code")
                .asText()).isEqualTo("unknown_device");
        assertThat(new Phone().post("/api/v1/family/redeem", Map.of("code", unused, "pin", "482915")).status())
                .isEqualTo(401);
        assertThat(hub.column("SELECT action FROM audit_log WHERE action = 'family.revoke'")).hasSize(1);
    }

    @Test
    void the_pin_signs_the_same_phone_in_again_and_five_wrong_pins_lock_it() throws Exception {
        Phone phone = signedUp(contact(mother, "张伟", "SON", "13911112222"), "482915");
        assertThat(phone.post("/api/v1/family/signout", Map.of()).status()).isEqualTo(204);
        assertThat(phone.get("/api/v1/family/me").status()).isEqualTo(401);
        assertThat(new Phone().post("/api/v1/family/signin", Map.of("pin", "482915")).status())
                .as("another phone has no device cookie").isEqualTo(401);

        assertThat(phone.post("/api/v1/family/signin", Map.of("pin", "482915")).status()).isEqualTo(200);
        assertThat(phone.get("/api/v1/family/me").status()).isEqualTo(200);
        for (int i = 1; i < 5; i++) {
            assertThat(phone.post("/api/v1/family/signin", Map.of("pin", "111111")).json().get("error").get("code")
                    .asText()).isEqualTo("wrong_pin");
        }
        TestHub.Answer locked = phone.post("/api/v1/family/signin", Map.of("pin", "111111"));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).hasValue("900");
        assertThat(phone.post("/api/v1/family/signin", Map.of("pin", "482915")).status()).as("even the right PIN")
                .isEqualTo(429);
        hub.clock.advance(Duration.ofMinutes(15));
        assertThat(phone.post("/api/v1/family/signin", Map.of("pin", "482915")).status()).isEqualTo(200);
    }

    @Test
    void five_wrong_invitation_codes_from_one_address_hold_it_back_for_15_minutes() throws Exception {
        String code = invite(contact(mother, "张伟", "SON", "13911112222")).get("code").asText();
        Phone phone = new Phone();
        for (int i = 0; i < 5; i++) {
            assertThat(phone.post("/api/v1/family/redeem", Map.of("code", "WRONG-CODE-000" + i, "pin", "482915"))
                    .json().get("error").get("code").asText()).isEqualTo("invalid_invitation");
        }

        TestHub.Answer held = phone.post("/api/v1/family/redeem", Map.of("code", code, "pin", "482915"));

        assertThat(held.status()).as("even the right code").isEqualTo(429);
        assertThat(held.headers().firstValue("Retry-After")).hasValue("900");
        assertThat(held.errorMessage()).contains("15 minutes");
        hub.clock.advance(Duration.ofMinutes(15));
        assertThat(phone.post("/api/v1/family/redeem", Map.of("code", code, "pin", "482915")).status())
                .isEqualTo(200);
        assertThat(hub.column("SELECT action FROM audit_log WHERE action = 'family.redeem.failed'")).hasSize(5);
    }

    @Test
    void a_redeem_names_what_is_wrong_and_an_easy_pin_is_refused() throws Exception {
        String son = contact(mother, "张伟", "SON", "13911112222");
        String code = invite(son).get("code").asText();
        Phone phone = new Phone();

        assertThat(phone.post("/api/v1/family/redeem", Map.of("code", code, "pin", "123456")).errorMessage())
                .contains("pin");
        assertThat(phone.post("/api/v1/family/redeem", Map.of("code", code, "pin", "12345")).errorMessage())
                .contains("six digits");
        assertThat(phone.post("/api/v1/family/redeem", Map.of("code", "WRONG-CODE-0000", "pin", "482915")).json()
                .get("error").get("code").asText()).isEqualTo("invalid_invitation");
        hub.clock.advance(Duration.ofDays(14));
        assertThat(phone.post("/api/v1/family/redeem", Map.of("code", code, "pin", "482915")).status())
                .as("expired").isEqualTo(401);
    }

    @Test
    void a_cadre_adds_to_a_child_only_the_parents_or_guardian_from_the_ledger_and_staff_anyone() {
        TestHub.Answer child = hub.post("/api/v1/residents", hub.adminToken, Map.of("name", "李小军", "village", "和平村",
                "type", "CHILD", "parentsPhone", "138 8765 4321", "guardianPhone", "13700001111"));
        String id = child.json().get("id").asText();
        String cadre = hub.user("li", "CADRE", "和平村");

        TestHub.Answer stranger = hub.post("/api/v1/residents/" + id + "/family", cadre,
                Map.of("name", "王某", "relation", "OTHER", "phone", "13600000000"));
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.json().get("error").get("code").asText()).isEqualTo("contact_not_in_ledger");
        assertThat(hub.post("/api/v1/residents/" + id + "/family", cadre,
                Map.of("name", "李强", "relation", "FATHER", "phone", "+86 13887654321")).status()).isEqualTo(201);
        assertThat(hub.post("/api/v1/residents/" + id + "/family", hub.adminToken,
                Map.of("name", "李姑姑", "relation", "OTHER", "phone", "13600000000")).status()).isEqualTo(201);
        assertThat(hub.post("/api/v1/residents/" + mother + "/family", hub.user("zhao", "CADRE", "大寨村"),
                Map.of("name", "张伟", "relation", "SON", "phone", "13911112222")).status()).isEqualTo(403);
        assertThat(hub.post("/api/v1/residents/" + mother + "/family", hub.adminToken,
                Map.of("name", "张伟", "relation", "NEPHEW", "phone", "13911112222")).errorMessage()).contains("relation");
    }

    @Test
    void messages_past_their_retention_are_deleted_with_their_audio_and_the_kiosks_told() throws Exception {
        Phone phone = signedUp(contact(mother, "张伟", "SON", "13911112222"), "482915");
        String id = UUID.randomUUID().toString();
        byte[] wav = VoiceMemoTest.wav(700);
        phone.send(id, wav);
        String cursor = hub.sync(kiosk, null).json().get("cursor").asText();
        Path audio = dir.resolve(Hub.FAMILY_MESSAGE_DIR).resolve(VoiceMemoTestSupport.sha256(wav) + ".wav");
        assertThat(audio).exists();

        hub.clock.advance(Duration.ofDays(89));
        assertThat(hub.hub.runCheck(FamilyFeature.RETENTION_CHECK)).isZero();
        hub.clock.advance(Duration.ofDays(2));
        assertThat(hub.hub.runCheck(FamilyFeature.RETENTION_CHECK)).isEqualTo(1);

        assertThat(audio).doesNotExist();
        JsonNode gone = hub.sync(kiosk, cursor).json().get("messages");
        assertThat(gone).hasSize(1);
        assertThat(gone.get(0).get("deleted").asBoolean()).isTrue();
        assertThat(gone.get(0).get("audio").isNull()).isTrue();
        assertThat(hub.column("SELECT COUNT(*) FROM family_messages WHERE sha256 IS NOT NULL")).containsExactly("0");
    }

    @Test
    void uploads_over_the_limits_or_of_the_wrong_kind_are_refused_with_named_errors() throws Exception {
        Phone phone = signedUp(contact(mother, "张伟", "SON", "13911112222"), "482915");

        TestHub.Answer tooLong = phone.send(UUID.randomUUID().toString(), VoiceMemoTest.wav(181_000));
        assertThat(tooLong.status()).isEqualTo(413);
        assertThat(tooLong.errorMessage()).contains("180 s");
        TestHub.Answer notAudio = phone.answer(HttpRequest.newBuilder(hub.uri("/api/v1/family/messages?id="
                + UUID.randomUUID())).header("Content-Type", "audio/mpeg")
                .POST(HttpRequest.BodyPublishers.ofString("ID3")).build());
        assertThat(notAudio.status()).isEqualTo(415);
        TestHub.Answer noId = phone.send("not-a-uuid", VoiceMemoTest.wav(300));
        assertThat(noId.status()).isEqualTo(400);
        assertThat(noId.errorMessage()).contains("'id'");
        TestHub.Answer notWav = phone.answer(HttpRequest.newBuilder(hub.uri("/api/v1/family/messages?id="
                + UUID.randomUUID())).header("Content-Type", "audio/wav")
                .POST(HttpRequest.BodyPublishers.ofString("RIFF nonsense")).build());
        assertThat(notWav.status()).isEqualTo(400);
        byte[] whole = VoiceMemoTest.wav(600);
        TestHub.Answer cutOff = phone.send(UUID.randomUUID().toString(), java.util.Arrays.copyOf(whole, 1000));
        assertThat(cutOff.status()).isEqualTo(400);
        assertThat(cutOff.errorMessage()).startsWith("the body is a cut-off WAV file");
        assertThat(hub.column("SELECT COUNT(*) FROM family_messages")).containsExactly("0");
        assertThat(Files.exists(dir.resolve(Hub.FAMILY_MESSAGE_DIR)) ? Files.list(dir.resolve(Hub.FAMILY_MESSAGE_DIR))
                .count() : 0).isZero();
    }
}
