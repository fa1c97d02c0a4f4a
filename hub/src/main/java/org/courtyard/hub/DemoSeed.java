package org.courtyard.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.courtyard.protocol.ProtocolJson;

/**
 * Seeds a demo hub ({@code --seed-demo FILE}) through its own public API, as an administrator
 * would: a staff account, one courtyard kiosk, a cadre of 和平村 with a kiosk PIN and a login of
 * role CADRE for the phone page, five residents of 和平村 (three elders, two children), three
 * of them paired with the cadre, and a home unit (居家呼叫器) for 张桂英. The logins, the kiosk's
 * and the home unit's ids and tokens and the cadre's PIN are written to FILE for
 * {@code ./courtyard demo}; when FILE already names a kiosk the hub knows, nothing is created, so
 * a demo keeps its data across restarts.
 *
 * <p>So that the demo shows a missed-check-in alert at once, one resident, 王德福, gets a check-in
 * three days old: the seed syncs it <em>as the demo kiosk</em>, with the kiosk's token and an
 * {@code occurredAt} three days back, exactly as a kiosk that had been offline would report it.
 * It is the only back-dated fact of the demo; {@code Main} runs the alert check right after.
 */
final class DemoSeed {

    static final String VILLAGE = "和平村";
    static final String KIOSK_NAME = "和平村幸福小院";
    static final String CADRE_NAME = "李建华";
    /** The demo cadre's login for the phone page ({@code care.html}), linked to the cadre. */
    static final String CADRE_USERNAME = "lijianhua";
    /** The resident whose last check-in is three days old, so the demo shows an alert. */
    static final String QUIET_RESIDENT = "王德福";
    /** The resident with a home unit (居家呼叫器) of her own. */
    static final String HOME_RESIDENT = "张桂英";
    static final String HOME_UNIT_NAME = "张桂英家的居家呼叫器";

    private final URI base;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param clock the hub's clock, from which the back-dated check-in is counted */
    DemoSeed(URI base, Clock clock) {
        this.base = base;
        this.clock = clock;
    }

    void seed(Path file, String adminPassword) throws IOException, InterruptedException {
        String admin = login("admin", adminPassword);
        if (Files.isRegularFile(file)) {
            Properties known = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                known.load(reader);
            }
            String kioskId = known.getProperty("kiosk.id", "");
            if (!kioskId.isEmpty() && send("GET", "/api/v1/kiosks/" + kioskId, admin, null).statusCode() == 200) {
                return;
            }
        }
        Properties seeded = new Properties();
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
        for (int n = 1;; n++) {
            String username = n == 1 ? "staff" : "staff" + n;
            ObjectNode user = ProtocolJson.mapper().createObjectNode().put("username", username)
                    .put("password", password).put("role", "STAFF").put("village", (String) null);
            int status = send("POST", "/api/v1/users", admin, user).statusCode();
            if (status == 201) {
                seeded.setProperty("staff.username", username);
                seeded.setProperty("staff.password", password);
                break;
            }
            if (status != 409 || n >= 20) {
                throw new IOException("could not create the demo staff user: HTTP " + status);
            }
        }
        ObjectNode kiosk = ProtocolJson.mapper().createObjectNode().put("name", KIOSK_NAME).put("village", VILLAGE);
        HttpResponse<String> created = send("POST", "/api/v1/kiosks", admin, kiosk);
        if (created.statusCode() != 201) {
            throw new IOException("could not create the demo kiosk: HTTP " + created.statusCode() + " "
                    + created.body());
        }
        JsonNode registration = ProtocolJson.mapper().readTree(created.body());
        seeded.setProperty("kiosk.id", registration.get("id").asText());
        seeded.setProperty("kiosk.token", registration.get("token").asText());
        seeded.setProperty("kiosk.village", VILLAGE);
        String pin = String.format("%04d", new SecureRandom().nextInt(10_000));
        String cadrePassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
        ObjectNode login = ProtocolJson.mapper().createObjectNode().put("username", CADRE_USERNAME)
                .put("password", cadrePassword).put("role", "CADRE").put("village", VILLAGE)
                .put("displayName", CADRE_NAME);
        HttpResponse<String> loginCreated = send("POST", "/api/v1/users", admin, login);
        if (loginCreated.statusCode() != 201) {
            throw new IOException("could not create the demo cadre's login: HTTP " + loginCreated.statusCode() + " "
                    + loginCreated.body());
        }
        ObjectNode cadre = ProtocolJson.mapper().createObjectNode().put("name", CADRE_NAME).put("village", VILLAGE)
                .put("phone", "13900001111").put("pin", pin).put("username", CADRE_USERNAME);
        HttpResponse<String> cadreCreated = send("POST", "/api/v1/cadres", admin, cadre);
        if (cadreCreated.statusCode() != 201) {
            throw new IOException("could not create the demo cadre: HTTP " + cadreCreated.statusCode() + " "
                    + cadreCreated.body());
        }
        String cadreId = ProtocolJson.mapper().readTree(cadreCreated.body()).get("id").asText();
        seeded.setProperty("cadre.name", CADRE_NAME);
        seeded.setProperty("cadre.pin", pin);
        seeded.setProperty("cadre.username", CADRE_USERNAME);
        seeded.setProperty("cadre.password", cadrePassword);
        String quiet = null;
        String homeResident = null;
        for (ObjectNode resident : residents(cadreId)) {
            HttpResponse<String> made = send("POST", "/api/v1/residents", admin, resident);
            if (made.statusCode() != 201) {
                throw new IOException("could not create the demo resident " + resident.get("name").asText()
                        + ": HTTP " + made.statusCode() + " " + made.body());
            }
            if (resident.get("name").asText().equals(QUIET_RESIDENT)) {
                quiet = ProtocolJson.mapper().readTree(made.body()).get("id").asText();
            }
            if (resident.get("name").asText().equals(HOME_RESIDENT)) {
                homeResident = ProtocolJson.mapper().readTree(made.body()).get("id").asText();
            }
        }
        // 张桂英's home unit (居家呼叫器), which ./courtyard demo runs headless beside the kiosk.
        ObjectNode home = ProtocolJson.mapper().createObjectNode().put("name", HOME_UNIT_NAME).put("village", VILLAGE)
                .put("kind", "HOME").put("residentId", homeResident);
        HttpResponse<String> homeCreated = send("POST", "/api/v1/kiosks", admin, home);
        if (homeCreated.statusCode() != 201) {
            throw new IOException("could not create the demo home unit: HTTP " + homeCreated.statusCode() + " "
                    + homeCreated.body());
        }
        JsonNode homeRegistration = ProtocolJson.mapper().readTree(homeCreated.body());
        seeded.setProperty("home.id", homeRegistration.get("id").asText());
        seeded.setProperty("home.token", homeRegistration.get("token").asText());
        seeded.setProperty("home.resident", HOME_RESIDENT);
        backdatedCheckIn(registration.get("id").asText(), registration.get("token").asText(), quiet);
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            seeded.store(writer, "Courtyard demo: logins and the demo kiosk (made by --seed-demo)");
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The residents of the demo village: three elders and two children, all expected to check in,
     * with what the half-yearly survey checks (birth dates, where the children or parents are).
     */
    private static List<ObjectNode> residents(String cadreId) {
        List<ObjectNode> out = new ArrayList<>();
        out.add(resident(HOME_RESIDENT, "ELDER", 1, List.of("五保户", "80岁以上"), cadreId)
                .put("address", "和平村三组12号").put("phone", "13812345678").put("birthDate", "1944-03-12")
                .put("childrenAway", "ALL"));
        out.add(resident(QUIET_RESIDENT, "ELDER", 1, List.of("独居"), cadreId).put("address", "和平村一组3号")
                .put("birthDate", "1950-10-02").put("childrenAway", "ALL"));
        out.add(resident("陈秀兰", "ELDER", 2, List.of("高血压"), null).put("birthDate", "1956-06-18")
                .put("childrenAway", "NO_CHILDREN"));
        out.add(resident("李小军", "CHILD", 1, List.of(), cadreId).put("guardian", "李奶奶")
                .put("parentsWorkplace", "广东东莞").put("parentsPhone", "13887654321").put("school", "和平村完小")
                .put("schoolClass", "三年级二班").put("headTeacher", "赵老师").put("birthDate", "2017-09-01")
                .put("parentsAway", "BOTH"));
        out.add(resident("赵小雨", "CHILD", 1, List.of(), null).put("guardian", "赵爷爷").put("school", "和平村完小")
                .put("schoolClass", "五年级一班").put("birthDate", "2015-05-20").put("parentsAway", "BOTH"));
        return out;
    }

    private static ObjectNode resident(String name, String type, int everyDays, List<String> tags, String cadreId) {
        ObjectNode body = ProtocolJson.mapper().createObjectNode().put("name", name).put("village", VILLAGE)
                .put("type", type).put("checkInEveryDays", everyDays);
        tags.forEach(body.putArray("tags")::add);
        if (cadreId != null) {
            body.putArray("cadreIds").add(cadreId);
        }
        return body;
    }

    /** Syncs, as the demo kiosk, a check-in of {@code residentId} three days old (see the class comment). */
    private void backdatedCheckIn(String kioskId, String kioskToken, String residentId)
            throws IOException, InterruptedException {
        ObjectNode payload = ProtocolJson.mapper().createObjectNode().put("residentId", residentId);
        ObjectNode event = ProtocolJson.mapper().createObjectNode().put("id", UUID.randomUUID().toString())
                .put("type", "CHECKED_IN").put("occurredAt", clock.instant().minus(Duration.ofDays(3)).toString())
                .put("clockTrusted", true);
        event.set("payload", payload);
        ObjectNode sync = ProtocolJson.mapper().createObjectNode().put("protocol", 1).put("kioskId", kioskId)
                .putNull("cursor");
        sync.putArray("events").add(event);
        HttpResponse<String> answer = send("POST", "/api/v1/sync", kioskToken, sync);
        if (answer.statusCode() != 200 || ProtocolJson.mapper().readTree(answer.body()).get("accepted").isEmpty()) {
            throw new IOException("could not sync the demo check-in: HTTP " + answer.statusCode() + " " + answer.body());
        }
    }

    private String login(String username, String password) throws IOException, InterruptedException {
        ObjectNode body = ProtocolJson.mapper().createObjectNode().put("username", username).put("password", password);
        HttpResponse<String> response = send("POST", "/api/v1/login", null, body);
        if (response.statusCode() != 200) {
            throw new IOException("the demo seed cannot log in as admin (HTTP " + response.statusCode()
                    + "): set COURTYARD_ADMIN_PASSWORD to the admin password of this data folder");
        }
        return ProtocolJson.mapper().readTree(response.body()).get("token").asText();
    }

    private HttpResponse<String> send(String method, String path, String token, JsonNode body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(ProtocolJson.writeBytes(body)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
