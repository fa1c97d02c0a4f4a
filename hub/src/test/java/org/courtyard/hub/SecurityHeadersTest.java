package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The browser security headers, content types and caching of the staff page and the API. */
class SecurityHeadersTest {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:;"
            + " media-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none';"
            + " frame-ancestors 'none'; form-action 'self'";
    static final String PERMISSIONS = "microphone=(self), camera=(), geolocation=(), payment=(), usb=()";

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
    void the_page_is_served_with_the_security_headers() {
        for (String path : new String[] {"/", "/index.html", "/js/main.js", "/js/sections/help.js", "/js/sections/announcements.js",
                "/js/recorder.js", "/js/recorder-worklet.js", "/css/app.css", "/css/announcements.css",
                "/icon.svg"}) {
            TestHub.Answer answer = hub.get(path, null);

            assertThat(answer.status()).as(path).isEqualTo(200);
            assertSecurityHeaders(path, answer.headers());
        }
    }

    @Test
    void api_answers_and_errors_carry_the_security_headers_too() {
        assertSecurityHeaders("/healthz", hub.get("/healthz", null).headers());
        assertSecurityHeaders("/api/v1/me", hub.get("/api/v1/me", hub.adminToken).headers());
        assertSecurityHeaders("/api/v1/me 401", hub.get("/api/v1/me", null).headers());
        assertSecurityHeaders("/api/v1/nothing 404", hub.get("/api/v1/nothing", hub.adminToken).headers());
        assertSecurityHeaders("/missing.js 404", hub.get("/missing.js", null).headers());
        assertSecurityHeaders("POST /api/v1/login", hub.post("/api/v1/login", null,
                java.util.Map.of("username", "admin", "password", TestHub.ADMIN_PASSWORD)).headers());
    }

    @Test
    void answers_do_not_name_the_server_software_or_its_version() {
        assertThat(hub.get("/healthz", null).headers().firstValue("Server")).isEmpty();
        assertThat(hub.get("/", null).headers().firstValue("Server")).isEmpty();
        assertThat(hub.get("/api/v1/nothing", null).headers().firstValue("X-Powered-By")).isEmpty();
    }

    @Test
    void the_event_stream_carries_the_security_headers() throws Exception {
        try (EventStreamReader stream = new EventStreamReader(hub.http, hub.uri("/api/v1/stream"),
                "Cookie", "courtyard_session=" + hub.adminToken)) {
            assertThat(stream.response().statusCode()).isEqualTo(200);
            assertSecurityHeaders("/api/v1/stream", stream.response().headers());
        }
    }

    @Test
    void files_have_their_content_types_in_utf_8() {
        assertThat(contentType("/")).isEqualTo("text/html;charset=utf-8");
        assertThat(contentType("/index.html")).isEqualTo("text/html;charset=utf-8");
        assertThat(contentType("/js/main.js")).isEqualTo("text/javascript;charset=utf-8");
        assertThat(contentType("/css/app.css")).isEqualTo("text/css;charset=utf-8");
        assertThat(contentType("/icon.svg")).isEqualTo("image/svg+xml");
        assertThat(contentType("/healthz")).isEqualTo("application/json;charset=utf-8");
    }

    @Test
    void the_page_is_revalidated_on_every_load_and_api_answers_are_never_stored() {
        TestHub.Answer index = hub.get("/", null);
        assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(hub.get("/js/main.js", null).headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(hub.get("/api/v1/me", hub.adminToken).headers().firstValue("Cache-Control")).hasValue("no-store");

        String etag = index.headers().firstValue("ETag").orElseThrow();
        TestHub.Answer again = hub.send(HttpRequest.newBuilder(hub.uri("/")).header("If-None-Match", etag)
                .timeout(Duration.ofSeconds(10)).GET().build());
        assertThat(again.status()).isEqualTo(304);
    }

    private String contentType(String path) {
        String value = hub.get(path, hub.adminToken).headers().firstValue("Content-Type").orElseThrow();
        return value.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    private static void assertSecurityHeaders(String what, HttpHeaders headers) {
        assertThat(headers.allValues("Content-Security-Policy")).as(what).containsExactly(CSP);
        assertThat(headers.allValues("X-Content-Type-Options")).as(what).containsExactly("nosniff");
        assertThat(headers.allValues("Referrer-Policy")).as(what).containsExactly("no-referrer");
        assertThat(headers.allValues("X-Frame-Options")).as(what).containsExactly("DENY");
        // The staff page records announcements from the microphone: allowed for the hub's own page only.
        assertThat(headers.allValues("Permissions-Policy")).as(what).containsExactly(PERMISSIONS);
    }
}
