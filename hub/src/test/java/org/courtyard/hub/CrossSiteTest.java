package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests another site's page makes a browser send with the staff member's session cookie are
 * refused; the hub's own page, bearer tokens and programs without a browser are not affected.
 */
class CrossSiteTest {

    private static final String EVIL = "https://evil.example";

    @TempDir
    Path dir;

    TestHub hub;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void a_cookie_post_from_another_sites_page_is_403_and_changes_nothing() {
        hub = new TestHub(dir);
        String session = hub.user("wang", "STAFF", null);
        String announcement = new Announce(hub).created(hub.adminToken, Announce.draft("停水通知", "{\"all\":true}"));

        TestHub.Answer logout = hub.send(cookiePost("/api/v1/logout", session).header("Origin", EVIL).build());
        TestHub.Answer withdraw = hub.send(cookiePost("/api/v1/announcements/" + announcement + "/withdraw",
                hub.adminToken).header("Sec-Fetch-Site", "cross-site").build());
        TestHub.Answer sibling = hub.send(cookiePost("/api/v1/logout", session)
                .header("Sec-Fetch-Site", "same-site").header("Origin", "https://other.example.cn").build());

        assertThat(logout.status()).isEqualTo(403);
        assertThat(logout.json().at("/error/code").asText()).isEqualTo("cross_site");
        assertThat(logout.errorMessage()).contains(EVIL);
        assertThat(logout.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(withdraw.status()).isEqualTo(403);
        assertThat(sibling.status()).isEqualTo(403);
        assertThat(hub.get("/api/v1/me", session).status()).as("still logged in").isEqualTo(200);
        assertThat(hub.get("/api/v1/announcements/" + announcement, hub.adminToken).json().get("withdrawn").asBoolean())
                .as("not withdrawn").isFalse();
    }

    @Test
    void the_hubs_own_page_a_bearer_token_and_a_program_without_a_browser_pass() {
        hub = new TestHub(dir);
        String first = hub.user("wang", "STAFF", null);
        String second = hub.login("wang", "password-wang");
        String third = hub.login("wang", "password-wang");
        String own = "http://127.0.0.1:" + hub.hub.port();

        TestHub.Answer page = hub.send(cookiePost("/api/v1/logout", first).header("Origin", own)
                .header("Sec-Fetch-Site", "same-origin").build());
        TestHub.Answer bearer = hub.send(HttpRequest.newBuilder(hub.uri("/api/v1/logout"))
                .header("Authorization", "Bearer " + second).header("Origin", EVIL)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        TestHub.Answer curl = hub.send(cookiePost("/api/v1/logout", third).build());

        assertThat(page.status()).isEqualTo(204);
        assertThat(bearer.status()).isEqualTo(204);
        assertThat(curl.status()).isEqualTo(204);
    }

    @Test
    void another_site_cannot_log_a_browser_in() {
        hub = new TestHub(dir);
        hub.addUser("wang", "STAFF", null, null);

        TestHub.Answer login = hub.send(HttpRequest.newBuilder(hub.uri("/api/v1/login"))
                .header("Content-Type", "application/json").header("Origin", EVIL)
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"wang\",\"password\":\"password-wang\"}",
                        StandardCharsets.UTF_8)).build());
        TestHub.Answer opaque = hub.send(cookiePost("/api/v1/logout", hub.adminToken).header("Origin", "null").build());

        assertThat(login.status()).isEqualTo(403);
        assertThat(login.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(opaque.status()).as("a sandboxed page's opaque origin").isEqualTo(403);
    }

    @Test
    void behind_a_proxy_the_public_url_and_the_forwarded_scheme_are_the_hubs_own_origin() {
        hub = new TestHub(dir, builder -> builder.trustProxy(true).publicUrl(URI.create("https://hub.example.cn")));
        String first = hub.user("wang", "STAFF", null);
        String second = hub.login("wang", "password-wang");

        TestHub.Answer rewritten = hub.send(cookiePost("/api/v1/logout", first)
                .header("Origin", "https://hub.example.cn").build());
        TestHub.Answer forwarded = hub.send(cookiePost("/api/v1/logout", second)
                .header("Origin", "https://127.0.0.1:" + hub.hub.port()).header("X-Forwarded-Proto", "https").build());

        assertThat(rewritten.status()).isEqualTo(204);
        assertThat(forwarded.status()).isEqualTo(204);
    }

    private HttpRequest.Builder cookiePost(String path, String session) {
        return HttpRequest.newBuilder(hub.uri(path)).header("Cookie", "courtyard_session=" + session)
                .POST(HttpRequest.BodyPublishers.noBody());
    }
}
