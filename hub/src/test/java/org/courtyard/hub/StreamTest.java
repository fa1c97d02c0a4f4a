package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    TestHub hub;
    TestHub.Kiosk kiosk;

    @BeforeEach
    void start() {
        hub = new TestHub(dir, config -> config.keepAliveEvery(Duration.ofMillis(200)));
        kiosk = hub.kiosk("村委会活动室", "大村");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void staff_receive_help_created_then_help_updated() throws Exception {
        try (EventStreamReader stream = new EventStreamReader(hub.http, hub.uri("/api/v1/stream"),
                "Authorization", "Bearer " + hub.adminToken)) {
            assertThat(stream.response().statusCode()).isEqualTo(200);
            assertThat(stream.response().headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
            UUID id = UUID.randomUUID();

            hub.sync(kiosk, null, TestHub.helpRequested(id, TestHub.START));
            EventStreamReader.Received created = stream.nextHelpEvent(WAIT);
            assertThat(created.name()).isEqualTo("help-created");
            assertThat(created.data().get("id").asText()).isEqualTo(id.toString());
            assertThat(created.data().get("status").asText()).isEqualTo("NEW");

            hub.transition(hub.adminToken, id, "ACKNOWLEDGED", null);
            EventStreamReader.Received updated = stream.nextHelpEvent(WAIT);
            assertThat(updated.name()).isEqualTo("help-updated");
            assertThat(updated.data().get("status").asText()).isEqualTo("ACKNOWLEDGED");
        }
    }

    @Test
    void the_session_cookie_opens_the_stream_and_keep_alives_flow() throws Exception {
        try (EventStreamReader stream = new EventStreamReader(hub.http, hub.uri("/api/v1/stream"),
                "Cookie", "courtyard_session=" + hub.adminToken)) {
            assertThat(stream.response().statusCode()).isEqualTo(200);
            String line;
            do {
                line = stream.nextLine(WAIT);
            } while (!line.equals(": keep-alive"));
        }
    }

    @Test
    void a_cadre_gets_only_their_villages_events() throws Exception {
        TestHub.Kiosk other = hub.kiosk("小学", "二村");
        String cadre = hub.user("li", "CADRE", "大村");
        try (EventStreamReader stream = new EventStreamReader(hub.http, hub.uri("/api/v1/stream"),
                "Authorization", "Bearer " + cadre)) {
            UUID foreign = UUID.randomUUID();
            UUID own = UUID.randomUUID();
            hub.sync(other, null, TestHub.helpRequested(foreign, TestHub.START));
            hub.sync(kiosk, null, TestHub.helpRequested(own, TestHub.START));

            EventStreamReader.Received first = stream.nextEvent(WAIT);
            assertThat(first.data().get("village").asText()).isEqualTo("大村");
            EventStreamReader.Received help = first.name().startsWith("help-") ? first : stream.nextHelpEvent(WAIT);
            assertThat(help.name()).isEqualTo("help-created");
            assertThat(help.data().get("id").asText()).isEqualTo(own.toString());
            EventStreamReader.Received seen = stream.nextEvent(WAIT);
            assertThat(seen.name()).isEqualTo("kiosk-seen");
            assertThat(seen.data().get("id").asText()).isEqualTo(kiosk.id());
        }
    }

    @Test
    void the_stream_needs_a_staff_login() {
        assertThat(hub.get("/api/v1/stream", null).status()).isEqualTo(401);
        assertThat(hub.get("/api/v1/stream", kiosk.token()).status()).isEqualTo(403);
    }

    @Test
    void a_disconnected_client_is_removed() throws Exception {
        EventStreamReader stream = new EventStreamReader(hub.http, hub.uri("/api/v1/stream"),
                "Authorization", "Bearer " + hub.adminToken);
        stream.nextLine(WAIT);
        stream.close();

        assertThat(hubStreamClients()).isEqualTo(1);

        // The next keep-alive write fails on the closed connection and drops the client.
        await().atMost(WAIT).until(() -> hubStreamClients() == 0);
    }

    private int hubStreamClients() {
        return hub.hub.streamClients();
    }
}
