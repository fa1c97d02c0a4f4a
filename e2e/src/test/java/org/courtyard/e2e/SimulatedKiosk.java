package org.courtyard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.Protocol;
import org.courtyard.protocol.ProtocolJson;
import org.courtyard.protocol.SyncRequest;
import org.courtyard.protocol.SyncResponse;

/**
 * A kiosk as the benchmark harnesses simulate it, over the real sync protocol: an outbox of events
 * that stay until the hub has accepted them (sent again after any failure, as a kiosk does), a
 * cursor, and long-polls. Every event id the hub acknowledged goes into the set given; a harness
 * later checks that the hub still has each of them. One thread per kiosk.
 */
final class SimulatedKiosk {

    private final HttpClient http;
    private final Supplier<URI> hub;
    private final String id;
    private final String token;
    private final Set<String> acknowledged;
    private final List<Event> outbox = new ArrayList<>();
    private String cursor;

    /**
     * @param hub the hub's address now (it changes when a harness restarts the hub on a new port)
     * @param kiosk the hub's answer to creating the kiosk: {@code {"id","token"}}
     */
    SimulatedKiosk(HttpClient http, Supplier<URI> hub, JsonNode kiosk, Set<String> acknowledged) {
        this.http = http;
        this.hub = hub;
        this.id = kiosk.get("id").asText();
        this.token = kiosk.get("token").asText();
        this.acknowledged = acknowledged;
    }

    /**
     * Adds {@code events} to the outbox and sends all of it once.
     *
     * @return the answer's status, or 0 if the hub could not be reached; the outbox is emptied only by a 200
     */
    int push(List<Event> events) throws InterruptedException {
        outbox.addAll(events);
        return sync(List.copyOf(outbox), 0);
    }

    /** A long-poll with an empty batch: the status, or 0 if the hub could not be reached. */
    int listen(int waitSeconds) throws InterruptedException {
        return sync(List.of(), waitSeconds);
    }

    /** Events not yet accepted. */
    int waiting() {
        return outbox.size();
    }

    private int sync(List<Event> events, int waitSeconds) throws InterruptedException {
        URI uri = hub.get().resolve(waitSeconds > 0 ? "/api/v1/sync?wait=" + waitSeconds : "/api/v1/sync");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30 + waitSeconds))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ProtocolJson.writeBytes(
                        new SyncRequest(Protocol.VERSION, id, cursor, events)))).build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException unreachable) {
            return 0;
        }
        if (response.statusCode() == 200) {
            SyncResponse answer = ProtocolJson.read(response.body(), SyncResponse.class);
            answer.accepted().forEach(accepted -> acknowledged.add(accepted.toString()));
            // Rejected events are refused for good, as a kiosk drops them; the harness sends none.
            outbox.removeIf(event -> answer.accepted().contains(event.id())
                    || answer.rejected().stream().anyMatch(rejection -> rejection.id().equals(event.id().toString())));
            cursor = answer.cursor();
        }
        return response.statusCode();
    }
}
