package org.courtyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.courtyard.protocol.ProtocolJson;

/** The hub's HTTP API as a staff member's browser or a script would use it. */
final class HubApi {

    private final URI base;
    private final HttpClient http;
    private String token;

    HubApi(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The API of a hub on HTTPS whose certificate {@code trust} accepts (a staff browser with the township CA). */
    HubApi(URI base, SSLContext trust) {
        this.base = base;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(trust).build();
    }

    static URI fromListeningLine(String line) {
        return URI.create(line.substring("listening on ".length()).trim());
    }

    /** The staff session token after {@link #login}. */
    String token() {
        return token;
    }

    URI base() {
        return base;
    }

    HubApi login(String username, String password) throws IOException, InterruptedException {
        ObjectNode body = ProtocolJson.mapper().createObjectNode().put("username", username).put("password", password);
        JsonNode answer = call("POST", "/api/v1/login", body, 200);
        token = answer.get("token").asText();
        return this;
    }

    /** Creates a kiosk and returns {@code {"id","token"}}. */
    JsonNode createKiosk(String name, String village) throws IOException, InterruptedException {
        ObjectNode body = ProtocolJson.mapper().createObjectNode().put("name", name).put("village", village);
        return call("POST", "/api/v1/kiosks", body, 201);
    }

    /** A home unit (居家呼叫器) bound to {@code residentId}. */
    JsonNode createHomeUnit(String name, String village, String residentId) throws IOException, InterruptedException {
        ObjectNode body = ProtocolJson.mapper().createObjectNode().put("name", name).put("village", village)
                .put("kind", "HOME").put("residentId", residentId);
        return call("POST", "/api/v1/kiosks", body, 201);
    }

    JsonNode helpRequests() throws IOException, InterruptedException {
        return call("GET", "/api/v1/help-requests", null, 200);
    }

    JsonNode transition(String id, String to, String note, String assignee) throws IOException, InterruptedException {
        ObjectNode body = ProtocolJson.mapper().createObjectNode().put("to", to).put("note", note);
        if (assignee != null) {
            body.put("assignee", assignee);
        }
        return call("POST", "/api/v1/help-requests/" + id + "/transitions", body, 200);
    }

    /** Sends {@code body} as {@code type} (audio, a photo) and returns the JSON answer. */
    JsonNode upload(String method, String path, String type, byte[] body, int expectedStatus)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", type)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as("%s %s answered %s", method, path, response.body())
                .isEqualTo(expectedStatus);
        return ProtocolJson.mapper().readTree(response.body());
    }

    JsonNode call(String method, String path, JsonNode body, int expectedStatus)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(ProtocolJson.writeBytes(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as("%s %s answered %s", method, path, response.body())
                .isEqualTo(expectedStatus);
        return ProtocolJson.mapper().readTree(response.body());
    }

    /**
     * Opens the staff event stream and collects its {@code event:}/{@code data:} pairs on a
     * background thread, as a browser's EventSource would.
     */
    EventStream stream() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        return new EventStream(response.body());
    }

    /** Server-sent events received so far, as "event-name data-json". */
    static final class EventStream implements AutoCloseable {

        private final InputStream body;
        private final List<String> events = new ArrayList<>();

        EventStream(InputStream body) {
            this.body = body;
            Thread reader = new Thread(this::read, "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String event = "message";
                StringBuilder data = new StringBuilder();
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.isEmpty()) {
                        if (data.length() > 0) {
                            add(event + " " + data);
                        }
                        event = "message";
                        data.setLength(0);
                    } else if (line.startsWith("event:")) {
                        event = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).trim());
                    }
                }
            } catch (IOException e) {
                add("closed " + e.getMessage());
            }
        }

        private void add(String event) {
            synchronized (events) {
                events.add(event);
                events.notifyAll();
            }
        }

        /** A copy of the events received so far. */
        List<String> events() {
            synchronized (events) {
                return new ArrayList<>(events);
            }
        }

        /** Waits until more than {@code seen} events have arrived, or {@code timeout} passed. */
        void awaitMore(int seen, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (events) {
                long left;
                while (events.size() <= seen && (left = deadline - System.nanoTime()) > 0) {
                    java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(events, left);
                }
            }
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
