package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void a_post_refused_before_its_body_was_read_keeps_the_connection_for_the_next_request() throws Exception {
        byte[] body = "{\"username\":\"zhao\",\"password\":\"long-enough\",\"role\":\"STAFF\"}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", hub.hub.port())) {
            socket.setSoTimeout(20_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            // The hub reads the body before it answers; answering first would leave the body unread
            // and Jetty would close the connection under the client's next request.
            socket.setSoTimeout(500);
            assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(java.net.SocketTimeoutException.class);
            socket.setSoTimeout(20_000);
            out.write(body);
            out.write("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            String answers = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

            assertThat(answers).startsWith("HTTP/1.1 401");
            assertThat(answers).contains("HTTP/1.1 200").endsWith("{\"status\":\"ok\"}");
        }
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
