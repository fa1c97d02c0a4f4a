package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebTest {

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
    void healthz_says_ok() {
        TestHub.Answer answer = hub.get("/healthz", null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    }

    @Test
    void the_staff_page_is_served_at_the_root_as_html() {
        TestHub.Answer root = hub.get("/", null);
        TestHub.Answer index = hub.get("/index.html", null);

        assertThat(root.status()).isEqualTo(200);
        assertThat(root.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(root.body()).contains("馨安小院");
        assertThat(index.body()).isEqualTo(root.body());
    }

    @Test
    void unknown_paths_are_404_json() {
        for (String path : new String[] {"/api/v1/nothing", "/api/v2/sync", "/no-such-file.js"}) {
            TestHub.Answer answer = hub.get(path, hub.adminToken);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.json().get("error").get("code").asText()).isEqualTo("not_found");
        }
    }

    @Test
    void a_wrong_method_is_405_json_with_allow() {
        TestHub.Answer answer = hub.get("/api/v1/sync", null);

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.headers().firstValue("Allow")).hasValue("POST");
        assertThat(answer.json().get("error").get("code").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void jettys_own_errors_are_json_too() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", hub.hub.port())) {
            socket.getOutputStream().write(("GET /api/v1/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

            assertThat(response).startsWith("HTTP/1.1 400");
            assertThat(response).contains("application/json").contains("{\"error\":{\"code\":\"bad_request\"");
        }
    }
}
