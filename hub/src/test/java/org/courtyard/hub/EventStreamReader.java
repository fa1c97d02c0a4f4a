package org.courtyard.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.courtyard.protocol.ProtocolJson;

/** Reads a text/event-stream line by line on its own thread; tests take events with a timeout. */
final class EventStreamReader implements AutoCloseable {

    /** One event: its name and its data parsed as JSON. */
    record Received(String name, JsonNode data) {
    }

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final HttpResponse<Stream<String>> response;
    private final Thread reader;

    EventStreamReader(HttpClient http, URI uri, String headerName, String headerValue) throws IOException, InterruptedException {
        response = http.send(HttpRequest.newBuilder(uri).header(headerName, headerValue).GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        reader = new Thread(() -> {
            try {
                response.body().forEach(lines::add);
            } catch (RuntimeException e) {
                lines.add("! closed: " + e);
            }
            lines.add("! end");
        }, "test-event-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    HttpResponse<Stream<String>> response() {
        return response;
    }

    /** The next raw line, or fails after {@code timeout}. */
    String nextLine(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("no line from the event stream within " + timeout);
        }
        return line;
    }

    /** The next event, skipping comments and {@code retry}. */
    Received nextEvent(Duration timeout) throws Exception {
        String name = null;
        StringBuilder data = new StringBuilder();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = nextLine(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (line.startsWith("! ")) {
                throw new AssertionError("the event stream ended: " + line);
            }
            if (line.startsWith("event: ")) {
                name = line.substring("event: ".length());
            } else if (line.startsWith("data: ")) {
                data.append(line.substring("data: ".length()));
            } else if (line.isEmpty() && name != null) {
                return new Received(name, ProtocolJson.mapper().readTree(data.toString()));
            }
        }
    }

    /** The next event whose name starts with {@code help-}, skipping kiosk events. */
    Received nextHelpEvent(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Received event = nextEvent(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (event.name().startsWith("help-")) {
                return event;
            }
        }
    }

    /** The next event called {@code name}, skipping others. */
    Received nextEventNamed(String name, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Received event = nextEvent(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (event.name().equals(name)) {
                return event;
            }
        }
    }

    /**
     * Waits until the hub ends the stream, skipping what comes before; fails after {@code timeout}.
     *
     * @return how the stream ended: {@code "! end"} for a clean end
     */
    String awaitEnd(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = nextLine(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (line.startsWith("! ")) {
                return line;
            }
        }
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }
}
