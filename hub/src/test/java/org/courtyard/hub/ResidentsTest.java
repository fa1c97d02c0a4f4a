package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.courtyard.protocol.ProtocolJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The residents' ledger over HTTP: fields, validation, privacy and photos. */
class ResidentsTest {

    @TempDir
    Path dir;

    TestHub hub;

    @BeforeEach
    void start() {
        hub = new TestHub(dir);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void a_resident_posted_with_the_agreed_fields_is_201_and_reads_back_with_every_field() {
        TestHub.Answer created = hub.post("/api/v1/residents", hub.adminToken,
                Map.of("name", "张桂英", "village", "和平村", "type", "ELDER", "checkInEveryDays", 1));

        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(id).matches("r-[a-z2-9]{8}");
        JsonNode one = hub.get("/api/v1/residents/" + id, hub.adminToken).json();
        assertThat(one.get("name").asText()).isEqualTo("张桂英");
        assertThat(one.get("village").asText()).isEqualTo("和平村");
        assertThat(one.get("type").asText()).isEqualTo("ELDER");
        assertThat(one.get("checkInEveryDays").asInt()).isEqualTo(1);
        assertThat(one.get("active").asBoolean()).isTrue();
        assertThat(one.get("photo").isNull()).isTrue();
        assertThat(one.get("lastCheckInAt").isNull()).isTrue();
        assertThat(one.get("alert").asBoolean()).isFalse();
        assertThat(one.get("tags")).isEmpty();
    }

    @Test
    void a_child_keeps_the_survey_fields_and_an_elder_refuses_them_naming_the_field() {
        ObjectNode child = childBody();

        TestHub.Answer created = hub.post("/api/v1/residents", hub.adminToken, child);

        assertThat(created.status()).isEqualTo(201);
        JsonNode one = created.json();
        assertThat(one.get("guardian").asText()).isEqualTo("李奶奶");
        assertThat(one.get("parentsWorkplace").asText()).isEqualTo("广东东莞");
        assertThat(one.get("parentsPhone").asText()).isEqualTo("13812345678");
        assertThat(one.get("school").asText()).isEqualTo("和平村完小");
        assertThat(one.get("schoolClass").asText()).isEqualTo("三年级二班");
        assertThat(one.get("headTeacher").asText()).isEqualTo("赵老师");
        assertThat(one.get("tags")).extracting(JsonNode::asText).containsExactly("单亲", "需要辅导");
        assertThat(one.get("birthDate").asText()).isEqualTo("2017-04-01");
        assertThat(one.get("parentsAway").asText()).isEqualTo("BOTH");

        ObjectNode elder = childBody().put("name", "李大爷").put("type", "ELDER");
        TestHub.Answer refused = hub.post("/api/v1/residents", hub.adminToken, elder);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorMessage()).contains("'parentsAway'", "CHILD");
        TestHub.Answer childrenOfAChild = hub.post("/api/v1/residents", hub.adminToken,
                childBody().put("name", "李小红").put("childrenAway", "ALL"));
        assertThat(childrenOfAChild.status()).isEqualTo(400);
        assertThat(childrenOfAChild.errorMessage()).contains("'childrenAway'", "ELDER");
        assertThat(hub.post("/api/v1/residents", hub.adminToken, childBody().put("name", "李小花")
                .put("birthDate", "1899-12-31")).errorMessage()).contains("'birthDate'");
        assertThat(hub.post("/api/v1/residents", hub.adminToken, childBody().put("name", "李小花")
                .put("birthDate", "2017-13-01")).errorMessage()).contains("birthDate");
    }

    @Test
    void leaving_the_ledger_records_when_and_returning_clears_it() {
        String id = hub.resident("王德福", "和平村", "ELDER");

        JsonNode left = hub.send("PATCH", "/api/v1/residents/" + id, hub.adminToken, Map.of("active", false)).json();
        JsonNode back = hub.send("PATCH", "/api/v1/residents/" + id, hub.adminToken, Map.of("active", true)).json();

        assertThat(left.get("leftAt").asText()).isEqualTo(TestHub.START.toString());
        assertThat(left.get("leftReason").isNull()).isTrue();
        assertThat(back.get("leftAt").isNull()).isTrue();
    }

    @Test
    void invalid_fields_are_400_naming_the_field_and_store_nothing() {
        assertThat(hub.post("/api/v1/residents", hub.adminToken, Map.of("village", "和平村", "type", "ELDER"))
                .errorMessage()).contains("'name'");
        assertThat(hub.post("/api/v1/residents", hub.adminToken, Map.of("name", "甲", "village", "和平村",
                "type", "GRANDPA")).errorMessage()).contains("type");
        assertThat(hub.post("/api/v1/residents", hub.adminToken, Map.of("name", "甲", "village", "和平村",
                "type", "ELDER", "checkInEveryDays", 0)).errorMessage()).contains("'checkInEveryDays'");
        assertThat(hub.post("/api/v1/residents", hub.adminToken, Map.of("name", "甲", "village", "和平村",
                "type", "ELDER", "phone", "138****5678")).errorMessage()).contains("'phone'", "masked");
        assertThat(hub.post("/api/v1/residents", hub.adminToken, Map.of("name", "甲", "village", "和平村",
                "type", "ELDER", "cadreIds", List.of("c-nobody22"))).errorMessage()).contains("'cadreIds'");
        assertThat(hub.column("SELECT COUNT(*) FROM residents")).containsExactly("0");
    }

    @Test
    void a_second_active_resident_of_the_same_name_in_a_village_is_409() {
        hub.resident("王秀英", "和平村", "ELDER");

        TestHub.Answer twice = hub.post("/api/v1/residents", hub.adminToken,
                Map.of("name", "王秀英", "village", "和平村", "type", "ELDER"));

        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.errorMessage()).contains("王秀英", "和平村");
        assertThat(hub.post("/api/v1/residents", hub.adminToken,
                Map.of("name", "王秀英", "village", "大村", "type", "ELDER")).status()).isEqualTo(201);
    }

    @Test
    void put_replaces_and_patch_changes_only_what_it_names() {
        String cadre = hub.cadre("李建华", "和平村", "13900001111", "2468");
        String id = hub.post("/api/v1/residents", hub.adminToken, childBody()).json().get("id").asText();

        TestHub.Answer patched = hub.send("PATCH", "/api/v1/residents/" + id, hub.adminToken,
                Map.of("school", "镇中心小学", "cadreIds", List.of(cadre)));

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("school").asText()).isEqualTo("镇中心小学");
        assertThat(patched.json().get("guardian").asText()).isEqualTo("李奶奶");
        assertThat(patched.json().get("cadres").get(0).get("name").asText()).isEqualTo("李建华");

        ObjectNode cleared = ProtocolJson.mapper().createObjectNode().putNull("guardian");
        assertThat(hub.send("PATCH", "/api/v1/residents/" + id, hub.adminToken, cleared).json().get("guardian")
                .isNull()).isTrue();

        TestHub.Answer replaced = hub.send("PUT", "/api/v1/residents/" + id, hub.adminToken,
                Map.of("name", "李小军", "village", "和平村", "type", "CHILD"));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().get("school").isNull()).isTrue();
        assertThat(replaced.json().get("cadres")).isEmpty();
    }

    @Test
    void lists_mask_phone_numbers_and_the_single_view_shows_them_to_staff() {
        String id = hub.post("/api/v1/residents", hub.adminToken, childBody()).json().get("id").asText();

        JsonNode list = hub.get("/api/v1/residents", hub.adminToken).json();
        JsonNode one = hub.get("/api/v1/residents/" + id, hub.adminToken).json();

        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("parentsPhone").asText()).isEqualTo("138****5678");
        assertThat(list.get(0).get("guardianPhone").asText()).isEqualTo("139****4321");
        assertThat(list.toString()).doesNotContain("13812345678", "13987654321");
        assertThat(one.get("parentsPhone").asText()).isEqualTo("13812345678");
    }

    @Test
    void a_cadre_sees_and_edits_only_their_own_village() {
        String own = hub.post("/api/v1/residents", hub.adminToken, childBody()).json().get("id").asText();
        String other = hub.resident("赵大爷", "大村", "ELDER");
        String cadre = hub.user("lixia", "CADRE", "和平村");

        assertThat(hub.get("/api/v1/residents/" + other, cadre).status()).isEqualTo(403);
        assertThat(hub.get("/api/v1/residents?village=大村", cadre).status()).isEqualTo(403);
        assertThat(hub.send("PATCH", "/api/v1/residents/" + other, cadre, Map.of("note", "x")).status())
                .isEqualTo(403);
        assertThat(hub.post("/api/v1/residents", cadre, Map.of("name", "新人", "village", "大村", "type", "ELDER"))
                .status()).isEqualTo(403);
        assertThat(hub.get("/api/v1/residents.csv?village=大村", cadre).status()).isEqualTo(403);

        JsonNode list = hub.get("/api/v1/residents", cadre).json();
        assertThat(list).extracting(r -> r.get("id").asText()).containsExactly(own);
        assertThat(hub.get("/api/v1/residents/" + own, cadre).json().get("parentsPhone").asText())
                .isEqualTo("13812345678");
        assertThat(hub.post("/api/v1/residents", cadre, Map.of("name", "新人", "village", "和平村", "type", "ELDER"))
                .status()).isEqualTo(201);
    }

    @Test
    void a_kiosk_token_cannot_read_the_ledger() {
        TestHub.Kiosk kiosk = hub.kiosk("小院", "和平村");
        String id = hub.resident("张桂英", "和平村", "ELDER");

        assertThat(hub.get("/api/v1/residents", kiosk.token()).status()).isEqualTo(403);
        assertThat(hub.get("/api/v1/residents/" + id, kiosk.token()).status()).isEqualTo(403);
        assertThat(hub.get("/api/v1/residents", null).status()).isEqualTo(401);
    }

    @Test
    void a_photo_is_stored_small_by_checksum_and_served_with_an_etag() throws Exception {
        String id = hub.resident("张桂英", "和平村", "ELDER");
        byte[] big = picture(2000, 1500, "jpg");

        TestHub.Answer put = putPhoto(id, "image/jpeg", big, hub.adminToken);

        assertThat(put.status()).isEqualTo(200);
        String sha = put.json().get("sha256").asText();
        TestHub.Answer got = getPhoto(id, hub.adminToken, null);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(got.headers().firstValue("ETag")).hasValue("\"" + sha + "\"");
        byte[] stored = getPhotoBytes(id, hub.adminToken);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(stored))).isEqualTo(sha);
        BufferedImage shown = ImageIO.read(new ByteArrayInputStream(stored));
        assertThat(Math.max(shown.getWidth(), shown.getHeight())).isEqualTo(640);
        assertThat(dir.resolve("photos").resolve(sha + ".jpg")).exists();
        assertThat(getPhoto(id, hub.adminToken, "\"" + sha + "\"").status()).isEqualTo(304);
        assertThat(hub.get("/api/v1/residents/" + id, hub.adminToken).json().get("photo").get("sha256").asText())
                .isEqualTo(sha);
    }

    @Test
    void a_png_is_accepted_and_a_photo_can_be_removed() throws Exception {
        String id = hub.resident("张桂英", "和平村", "ELDER");

        assertThat(putPhoto(id, "image/png", picture(300, 300, "png"), hub.adminToken).status()).isEqualTo(200);
        assertThat(hub.delete("/api/v1/residents/" + id + "/photo", hub.adminToken).status()).isEqualTo(204);

        assertThat(getPhoto(id, hub.adminToken, null).status()).isEqualTo(404);
        assertThat(hub.get("/api/v1/residents/" + id, hub.adminToken).json().get("photo").isNull()).isTrue();
    }

    @Test
    void a_photo_of_the_wrong_type_or_too_large_is_refused() throws Exception {
        String id = hub.resident("张桂英", "和平村", "ELDER");

        assertThat(putPhoto(id, "image/gif", picture(10, 10, "gif"), hub.adminToken).status()).isEqualTo(415);
        assertThat(putPhoto(id, "image/png", picture(10, 10, "jpg"), hub.adminToken).status()).isEqualTo(415);
        assertThat(statusForDeclaredLength(id, 9 * 1024 * 1024)).isEqualTo(413);
        byte[] broken = picture(10, 10, "jpg");
        TestHub.Answer garbled = putPhoto(id, "image/jpeg", java.util.Arrays.copyOf(broken, 20), hub.adminToken);
        assertThat(garbled.status()).isEqualTo(400);
        assertThat(hub.get("/api/v1/residents/" + id, hub.adminToken).json().get("photo").isNull()).isTrue();
    }

    @Test
    void a_kiosk_may_fetch_photos_of_its_own_village_only() throws Exception {
        String id = hub.resident("张桂英", "和平村", "ELDER");
        putPhoto(id, "image/jpeg", picture(100, 100, "jpg"), hub.adminToken);
        TestHub.Kiosk own = hub.kiosk("小院", "和平村");
        TestHub.Kiosk other = hub.kiosk("小院", "大村");

        assertThat(getPhoto(id, own.token(), null).status()).isEqualTo(200);
        assertThat(getPhoto(id, other.token(), null).status()).isEqualTo(403);
        assertThat(getPhoto(id, null, null).status()).isEqualTo(401);
        assertThat(putPhoto(id, "image/jpeg", picture(100, 100, "jpg"), own.token()).status()).isEqualTo(403);
    }

    /**
     * The status the hub answers to a photo upload that declares {@code length} bytes, read before
     * any of the body is sent: the hub must refuse an oversize upload from its headers alone.
     */
    int statusForDeclaredLength(String id, int length) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", hub.hub.port())) {
            socket.setSoTimeout(10_000);
            String request = "PUT /api/v1/residents/" + id + "/photo HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + hub.adminToken + "\r\nContent-Type: image/jpeg\r\n"
                    + "Content-Length: " + length + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    static ObjectNode childBody() {
        ObjectNode body = ProtocolJson.mapper().createObjectNode().put("name", "李小军").put("village", "和平村")
                .put("type", "CHILD").put("checkInEveryDays", 1).put("guardian", "李奶奶")
                .put("guardianPhone", "13987654321").put("parentsWorkplace", "广东东莞").put("parentsPhone", "13812345678")
                .put("school", "和平村完小").put("schoolClass", "三年级二班").put("headTeacher", "赵老师")
                .put("birthDate", "2017-04-01").put("parentsAway", "BOTH");
        body.putArray("tags").add("单亲").add("需要辅导");
        return body;
    }

    static byte[] picture(int width, int height, String format) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(0x1B5E20));
        graphics.fillRect(0, 0, width, height);
        graphics.setColor(Color.WHITE);
        graphics.fillOval(width / 4, height / 4, width / 2, height / 2);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    TestHub.Answer putPhoto(String id, String type, byte[] bytes, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.uri("/api/v1/residents/" + id + "/photo"))
                .header("Content-Type", type).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return hub.send(request.build());
    }

    TestHub.Answer getPhoto(String id, String token, String ifNoneMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.uri("/api/v1/residents/" + id + "/photo")).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        HttpRequest built = request.build();
        try {
            java.net.http.HttpResponse<byte[]> response = hub.http.send(built,
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            boolean text = response.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
            return new TestHub.Answer(response.statusCode(),
                    text ? new String(response.body(), StandardCharsets.UTF_8) : "", response.headers());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    byte[] getPhotoBytes(String id, String token) throws Exception {
        return hub.http.send(HttpRequest.newBuilder(hub.uri("/api/v1/residents/" + id + "/photo"))
                .header("Authorization", "Bearer " + token).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
    }
}
