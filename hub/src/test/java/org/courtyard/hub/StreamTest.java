package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    @Test
    void logging_out_ends_that_sessions_stream_at_once_and_no_other() throws Exception {
        String wang = hub.user("wang", "STAFF", null);
        try (EventStreamReader own = stream(wang); EventStreamReader other = stream(hub.adminToken)) {
            assertThat(own.nextLine(WAIT)).startsWith("retry");

            assertThat(hub.post("/api/v1/logout", wang, Map.of()).status()).isEqualTo(204);

            assertThat(own.awaitEnd(WAIT)).isEqualTo("! end");
            assertThat(hub.get("/api/v1/stream", wang).status()).isEqualTo(401);
            hub.sync(kiosk, null, TestHub.helpRequested(UUID.randomUUID(), TestHub.START));
            assertThat(other.nextHelpEvent(WAIT).name()).isEqualTo("help-created");
        }
    }

    @Test
    void a_stream_ends_when_its_session_expires() throws Exception {
        String wang = hub.user("wang", "STAFF", null);
        try (EventStreamReader stream = stream(wang)) {
            assertThat(stream.nextLine(WAIT)).startsWith("retry");

            hub.clock.advance(Duration.ofHours(12).plusSeconds(1));

            assertThat(stream.awaitEnd(WAIT)).isEqualTo("! end");
            assertThat(hub.get("/api/v1/stream", wang).status()).isEqualTo(401);
        }
    }

    @Test
    void revoking_a_users_sessions_ends_all_their_streams() throws Exception {
        hub.addUser("li", "CADRE", "大村", null);
        String phone = hub.login("li", "password-li");
        String office = hub.login("li", "password-li");
        try (EventStreamReader first = stream(phone); EventStreamReader second = stream(office)) {
            assertThat(first.nextLine(WAIT)).startsWith("retry");
            assertThat(second.nextLine(WAIT)).startsWith("retry");

            TestHub.Answer revoked = hub.delete("/api/v1/users/li/sessions", hub.adminToken);

            assertThat(revoked.status()).isEqualTo(200);
            assertThat(revoked.json().get("revoked").asInt()).isEqualTo(2);
            assertThat(first.awaitEnd(WAIT)).isEqualTo("! end");
            assertThat(second.awaitEnd(WAIT)).isEqualTo("! end");
            assertThat(hub.get("/api/v1/me", phone).status()).isEqualTo(401);
        }
        assertThat(hub.delete("/api/v1/users/li/sessions", phone).status()).isEqualTo(401);
        assertThat(hub.delete("/api/v1/users/nobody/sessions", hub.adminToken).status()).isEqualTo(404);
    }

    @Test
    void one_session_may_hold_eight_streams_and_is_refused_a_ninth() throws Exception {
        List<EventStreamReader> open = new ArrayList<>();
        try {
            for (int i = 0; i < org.courtyard.hub.web.LiveStream.MAX_STREAMS_PER_SESSION; i++) {
                EventStreamReader tab = stream(hub.adminToken);
                assertThat(tab.response().statusCode()).isEqualTo(200);
                open.add(tab);
            }

            TestHub.Answer ninth = hub.get("/api/v1/stream", hub.adminToken);

            assertThat(ninth.status()).isEqualTo(429);
            assertThat(ninth.json().at("/error/code").asText()).isEqualTo("too_many_streams");
            assertThat(ninth.headers().firstValue("Retry-After")).hasValue("30");
            String other = hub.user("wang", "STAFF", null);
            try (EventStreamReader another = stream(other)) {
                assertThat(another.response().statusCode()).isEqualTo(200);
            }
        } finally {
            open.forEach(EventStreamReader::close);
        }
    }

    private EventStreamReader stream(String token) throws Exception {
        return new EventStreamReader(hub.http, hub.uri("/api/v1/stream"), "Authorization", "Bearer " + token);
    }

    private int hubStreamClients() {
        return hub.hub.streamClients();
    }
}
