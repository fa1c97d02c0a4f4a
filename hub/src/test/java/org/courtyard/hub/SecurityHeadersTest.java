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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    /**
     * Answers Jetty writes itself, before any handler: a broken request line or header, one too
     * large, an HTTP version it does not speak, paths with an encoded slash, CR/LF, NUL or a broken
     * escape, a message framed two ways. Each is the hub's JSON error body with the security headers.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad request line              | 400 | GET / HTTP/1.0 x
            header without a colon        | 400 | GET /healthz HTTP/1.1\\r\\nHost: x\\r\\nBad Header
            HTTP/3.0                      | 505 | GET /healthz HTTP/3.0\\r\\nHost: x
            headers too large             | 431 | GET /healthz HTTP/1.1\\r\\nHost: x\\r\\nX-Big: BIG
            encoded slash in an id        | 400 | GET /api/v1/help-requests/a%2Fb HTTP/1.1\\r\\nHost: x
            encoded slash in a PUT        | 400 | PUT /api/v1/residents/a%2Fb HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 0
            encoded slash in a DELETE     | 400 | DELETE /api/v1/users/a%2Fb/sessions HTTP/1.1\\r\\nHost: x
            CR LF in a PATCH              | 400 | PATCH /api/v1/residents/a%0D%0Ab HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 0
            CR LF in an id                | 400 | GET /api/v1/help-requests/a%0D%0Ab HTTP/1.1\\r\\nHost: x
            CR LF in an audio id          | 400 | GET /api/v1/announcements/a%0D%0Ab/audio HTTP/1.1\\r\\nHost: x
            NUL in an id                  | 400 | GET /api/v1/help-requests/%00 HTTP/1.1\\r\\nHost: x
            broken escape                 | 400 | GET /api/v1/%zz HTTP/1.1\\r\\nHost: x
            dot-dot escaped               | 400 | GET /%2e%2e/x HTTP/1.1\\r\\nHost: x
            chunked and a length          | 400 | POST /api/v1/login HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: chunked\\r\\nContent-Length: 5
            """)
    void jettys_own_errors_are_json_with_the_security_headers(String what, int status, String head) throws Exception {
        String request = head.replace("\\r\\n", "\r\n").replace("BIG", "a".repeat(9000))
                + "\r\nConnection: close\r\n\r\n";
        String answer;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", hub.hub.port())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String[] parts = answer.split("\r\n\r\n", 2);
        String headers = parts[0].toLowerCase(Locale.ROOT);

        assertThat(parts[0]).as(what).startsWith("HTTP/1.1 " + status);
        assertThat(headers).as(what).contains("content-type: application/json")
                .contains("x-content-type-options: nosniff").contains("x-frame-options: deny")
                .contains("content-security-policy: " + CSP.toLowerCase(Locale.ROOT))
                .contains("referrer-policy: no-referrer");
        com.fasterxml.jackson.databind.JsonNode error = org.courtyard.protocol.ProtocolJson.mapper().readTree(parts[1])
                .get("error");
        assertThat(error.get("code").asText()).as(what).isNotBlank().isNotEqualTo("internal");
        assertThat(error.get("message").asText()).as(what).isNotBlank();
    }

    @Test
    void a_body_that_is_not_json_is_malformed_json_on_every_route_that_reads_one() {
        TestHub.Kiosk kiosk = hub.kiosk("村委会活动室", "大村");
        String resident = hub.resident("张桂英", "大村", "ELDER");
        String cadre = hub.cadre("李建华", "大村", "13900001111", "2468");
        String announcement = new Announce(hub).created(hub.adminToken, Announce.draft("停水通知", "{\"all\":true}"));
        java.util.UUID help = java.util.UUID.randomUUID();
        hub.sync(kiosk, null, TestHub.helpRequested(help, TestHub.START));
        String admin = hub.adminToken;
        String[][] calls = {{"POST", "/api/v1/login", null}, {"POST", "/api/v1/enrol", null},
            {"POST", "/api/v1/users", admin}, {"POST", "/api/v1/kiosks", admin},
            {"POST", "/api/v1/sync", kiosk.token()}, {"POST", "/api/v1/residents", admin},
            {"PUT", "/api/v1/residents/" + resident, admin}, {"PATCH", "/api/v1/residents/" + resident, admin},
            {"POST", "/api/v1/residents/" + resident + "/pause", admin}, {"POST", "/api/v1/cadres", admin},
            {"PATCH", "/api/v1/cadres/" + cadre, admin}, {"POST", "/api/v1/announcements", admin},
            {"PUT", "/api/v1/announcements/" + announcement, admin},
            {"POST", "/api/v1/help-requests/" + help + "/transitions", admin}};
        for (String[] call : calls) {
            for (String body : new String[] {"{bad", "", "{} trailing", "[1,"}) {
                TestHub.Answer answer = hub.send(call[0], call[1], call[2], body);

                assertThat(answer.status()).as(call[0] + " " + call[1] + " '" + body + "'").isEqualTo(400);
                assertThat(answer.json().at("/error/code").asText()).as(call[0] + " " + call[1] + " '" + body + "'")
                        .isEqualTo("malformed_json");
            }
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
