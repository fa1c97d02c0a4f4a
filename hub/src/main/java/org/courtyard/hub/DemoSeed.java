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
import java.time.Duration;
import java.util.HexFormat;
import java.util.Properties;
import org.courtyard.protocol.ProtocolJson;

/**
 * Seeds a demo hub ({@code --seed-demo FILE}) through its own public API, as an administrator
 * would: a staff account and one courtyard kiosk. The logins and the kiosk's id and token are
 * written to FILE for {@code ./courtyard demo}; when FILE already names a kiosk the hub knows,
 * nothing is created, so a demo keeps its data across restarts.
 */
final class DemoSeed {

    static final String VILLAGE = "和平村";
    static final String KIOSK_NAME = "和平村幸福小院";

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    DemoSeed(URI base) {
        this.base = base;
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
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            seeded.store(writer, "Courtyard demo: logins and the demo kiosk (made by --seed-demo)");
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
