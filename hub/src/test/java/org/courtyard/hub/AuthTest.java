package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthTest {

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
    void first_start_creates_admin_with_the_given_password() {
        TestHub.Answer login = hub.post("/api/v1/login", null, Map.of("username", "admin", "password", TestHub.ADMIN_PASSWORD));

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().get("token").asText()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(login.json().get("user").get("username").asText()).isEqualTo("admin");
        assertThat(login.json().get("user").get("role").asText()).isEqualTo("ADMIN");
        assertThat(login.json().get("user").has("village")).isTrue();
        assertThat(hub.hub.generatedAdminPassword()).isEmpty();
    }

    @Test
    void first_start_without_a_password_generates_one_once(@TempDir Path other) {
        try (Hub first = Hub.create(HubConfig.builder(other).port(0).build())) {
            assertThat(first.generatedAdminPassword()).hasValueSatisfying(p -> assertThat(p).hasSizeGreaterThanOrEqualTo(12));
        }
        try (Hub again = Hub.create(HubConfig.builder(other).port(0).build())) {
            assertThat(again.generatedAdminPassword()).isEmpty();
        }
    }

    @Test
    void generated_admin_password_logs_in(@TempDir Path other) throws Exception {
        try (Hub fresh = Hub.create(HubConfig.builder(other).port(0).build()).start()) {
            String password = fresh.generatedAdminPassword().orElseThrow();
            String body = "{\"username\":\"admin\",\"password\":\"" + password + "\"}";

            java.net.http.HttpResponse<String> login = hub.http.send(HttpRequest.newBuilder(fresh.uri().resolve("/api/v1/login"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());

            assertThat(login.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void login_with_a_wrong_password_or_unknown_user_is_401_with_the_same_message() {
        TestHub.Answer wrongPassword = hub.post("/api/v1/login", null, Map.of("username", "admin", "password", "nope-nope"));
        TestHub.Answer unknownUser = hub.post("/api/v1/login", null, Map.of("username", "ghost", "password", "nope-nope"));

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(wrongPassword.json().get("error").get("code").asText()).isEqualTo("unauthorized");
        assertThat(wrongPassword.errorMessage()).isEqualTo(unknownUser.errorMessage());
    }

    @Test
    void login_without_a_password_is_400_naming_the_field() {
        TestHub.Answer answer = hub.post("/api/v1/login", null, Map.of("username", "admin"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorMessage()).contains("password");
    }

    @Test
    void login_sets_an_http_only_strict_session_cookie_that_authenticates() {
        TestHub.Answer login = hub.post("/api/v1/login", null, Map.of("username", "admin", "password", TestHub.ADMIN_PASSWORD));
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();

        assertThat(cookie).startsWith("courtyard_session=" + login.json().get("token").asText() + ";")
                .contains("HttpOnly").contains("SameSite=Strict").contains("Path=/");

        TestHub.Answer me = hub.send(HttpRequest.newBuilder(hub.uri("/api/v1/me"))
                .header("Cookie", cookie.split(";", 2)[0]).GET().build());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("username").asText()).isEqualTo("admin");
    }

    @Test
    void logout_revokes_the_token() {
        String token = hub.login("admin", TestHub.ADMIN_PASSWORD);
        assertThat(hub.get("/api/v1/me", token).status()).isEqualTo(200);

        assertThat(hub.post("/api/v1/logout", token, Map.of()).status()).isEqualTo(204);

        assertThat(hub.get("/api/v1/me", token).status()).isEqualTo(401);
    }

    @Test
    void session_expires_after_its_lifetime() {
        String token = hub.login("admin", TestHub.ADMIN_PASSWORD);

        hub.clock.advance(TestHub.seconds(12 * 3600 + 1));

        assertThat(hub.get("/api/v1/me", token).status()).isEqualTo(401);
    }

    @Test
    void staff_calls_without_a_token_are_401() {
        assertThat(hub.get("/api/v1/help-requests", null).status()).isEqualTo(401);
        assertThat(hub.get("/api/v1/help-requests", "not-a-token").status()).isEqualTo(401);
    }

    @Test
    void admin_creates_users_who_can_log_in() {
        TestHub.Answer created = hub.post("/api/v1/users", hub.adminToken,
                Map.of("username", "li", "password", "long-enough", "role", "CADRE", "village", "大村"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("username").asText()).isEqualTo("li");
        assertThat(created.json().get("role").asText()).isEqualTo("CADRE");
        assertThat(created.json().get("village").asText()).isEqualTo("大村");
        assertThat(created.body()).doesNotContain("long-enough");

        TestHub.Answer login = hub.post("/api/v1/login", null, Map.of("username", "li", "password", "long-enough"));
        assertThat(login.json().get("user").get("village").asText()).isEqualTo("大村");
        assertThat(hub.column("SELECT password_hash FROM users WHERE username = 'li'"))
                .singleElement().asString().startsWith("pbkdf2-sha256$210000$").doesNotContain("long-enough");
    }

    @Test
    void staff_may_not_create_users() {
        String staff = hub.user("wang", "STAFF", null);

        TestHub.Answer answer = hub.post("/api/v1/users", staff,
                Map.of("username", "zhao", "password", "long-enough", "role", "STAFF"));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().get("error").get("code").asText()).isEqualTo("forbidden");
    }

    @Test
    void a_duplicate_username_is_409() {
        hub.user("wang", "STAFF", null);

        TestHub.Answer again = hub.post("/api/v1/users", hub.adminToken,
                Map.of("username", "wang", "password", "long-enough", "role", "STAFF"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorMessage()).contains("wang");
    }

    @Test
    void an_unknown_role_is_400_naming_the_field() {
        TestHub.Answer answer = hub.post("/api/v1/users", hub.adminToken,
                Map.of("username", "zhao", "password", "long-enough", "role", "BOSS"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorMessage()).contains("role");
    }

    @Test
    void a_short_password_is_400_naming_the_field() {
        TestHub.Answer answer = hub.post("/api/v1/users", hub.adminToken,
                Map.of("username", "zhao", "password", "short", "role", "STAFF"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorMessage()).contains("password");
    }

    @Test
    void a_cadre_without_a_village_is_400_naming_the_field() {
        TestHub.Answer answer = hub.post("/api/v1/users", hub.adminToken,
                Map.of("username", "zhao", "password", "long-enough", "role", "CADRE"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorMessage()).contains("village");
    }
}
