package org.courtyard.kiosk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.courtyard.hardware.AudioClip;
import org.courtyard.hardware.Microphone;
import org.courtyard.hardware.Wav;
import org.courtyard.protocol.AudioRef;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.FamilyMessage;
import org.courtyard.protocol.ProtocolJson;
import org.courtyard.protocol.SyncRequest;
import org.courtyard.protocol.SyncResponse;

/**
 * A stand-in for the hub's side of 空中陪护 on a free loopback port, plain HTTP: the sync answers
 * carry the family messages the test {@linkplain #send sent} until the kiosk's cursor shows it has
 * them, and accept every event (kept, for the test to count); {@code GET
 * /api/v1/family-messages/{id}/audio} serves the message's WAV with ranges as the hub does, or
 * misbehaves as the test scripted ({@link Audio}); {@code PUT /api/v1/family-messages/{id}} takes a
 * reply, or drops the line first if scripted so.
 */
public final class TestFamilyHub implements AutoCloseable {

    /** How the next audio request is answered. */
    public enum Audio {
        /** As the hub: the whole file (200) or the asked range (206). */
        AS_ASKED,
        /** Half of what was asked, then the connection drops (a line that fails mid-download). */
        DROP_HALFWAY,
        /** What was asked, with every byte flipped (a proxy that mangles): the checksum cannot match. */
        CORRUPT
    }

    /** One audio request: which message, and its {@code Range} header (null for the whole file). */
    public record AudioRequest(String messageId, String range) {
    }

    /** One reply as received: its id, the message it answers, the body. */
    public record ReplyPut(String id, String replyTo, byte[] wav) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, byte[]> audio = new LinkedHashMap<>();
    private final List<FamilyMessage> messages = new CopyOnWriteArrayList<>();
    private volatile int version;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final Queue<Audio> audioScript = new ConcurrentLinkedQueue<>();
    private final List<AudioRequest> audioRequests = new CopyOnWriteArrayList<>();
    private final Queue<Boolean> replyDrops = new ConcurrentLinkedQueue<>();
    private final List<ReplyPut> replies = new CopyOnWriteArrayList<>();
    private final List<String> replyAttempts = new CopyOnWriteArrayList<>();

    public TestFamilyHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/api/v1/sync", this::sync);
        server.createContext("/api/v1/family-messages/", this::familyMessage);
        server.start();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A voice message of {@code pcm} (16 kHz mono) from {@code relation} to {@code residentId}, sent at {@code at}. */
    public FamilyMessage send(String residentId, String relation, Instant at, byte[] pcm) {
        byte[] wav = Wav.write(AudioClip.pcm("message", Microphone.FORMAT, pcm));
        String id = UUID.randomUUID().toString();
        FamilyMessage message = new FamilyMessage(id, residentId, relation, at, new AudioRef(sha256(wav), wav.length,
                pcm.length / 32L), null, false);
        synchronized (audio) {
            audio.put(id, wav);
        }
        messages.add(message);
        version++;
        return message;
    }

    /** The WAV of message {@code id} as the hub keeps it. */
    public byte[] wav(String id) {
        synchronized (audio) {
            return audio.get(id);
        }
    }

    /** The next audio requests are answered so, in order; afterwards as asked. */
    public void script(Audio... answers) {
        audioScript.addAll(List.of(answers));
    }

    /** The next reply upload loses its line before any answer. */
    public void dropNextReply() {
        replyDrops.add(true);
    }

    /** Every event the kiosk sent (a retried one as often as it came). */
    public List<Event> events() {
        return List.copyOf(events);
    }

    public List<AudioRequest> audioRequests() {
        return List.copyOf(audioRequests);
    }

    /** The replies the hub has taken. */
    public List<ReplyPut> replies() {
        return List.copyOf(replies);
    }

    /** The id of every reply upload that arrived, answered or not. */
    public List<String> replyAttempts() {
        return List.copyOf(replyAttempts);
    }

    private void sync(HttpExchange exchange) throws IOException {
        SyncRequest request = ProtocolJson.read(exchange.getRequestBody().readAllBytes(), SyncRequest.class);
        events.addAll(request.events());
        String cursor = "v" + version;
        List<FamilyMessage> news = cursor.equals(request.cursor()) ? List.of() : List.copyOf(messages);
        answer(exchange, 200, ProtocolJson.writeBytes(new SyncResponse(request.events().stream().map(Event::id)
                .toList(), List.of(), cursor, List.of(), List.of(), Instant.now(), null, null, news)));
    }

    private void familyMessage(HttpExchange exchange) throws IOException {
        String rest = exchange.getRequestURI().getPath().substring("/api/v1/family-messages/".length());
        if (exchange.getRequestMethod().equals("GET") && rest.endsWith("/audio")) {
            audio(exchange, rest.substring(0, rest.length() - "/audio".length()));
        } else if (exchange.getRequestMethod().equals("PUT")) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            replyAttempts.add(rest);
            if (replyDrops.poll() != null) {
                // The handler's failure closes the connection with no answer: a dropped line.
                throw new IOException("the line dropped");
            }
            String query = exchange.getRequestURI().getQuery();
            replies.add(new ReplyPut(rest, query.substring(query.indexOf('=') + 1), body));
            answer(exchange, 201, "{}".getBytes());
        } else {
            answer(exchange, 404, "{}".getBytes());
        }
    }

    private void audio(HttpExchange exchange, String id) throws IOException {
        String range = exchange.getRequestHeaders().getFirst("Range");
        audioRequests.add(new AudioRequest(id, range));
        byte[] wav = wav(id);
        if (wav == null) {
            answer(exchange, 404, "{}".getBytes());
            return;
        }
        int from = range == null ? 0 : Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
        byte[] part = java.util.Arrays.copyOfRange(wav, from, wav.length);
        Audio how = audioScript.poll();
        if (how == Audio.CORRUPT) {
            for (int i = 0; i < part.length; i++) {
                part[i] = (byte) ~part[i];
            }
        }
        if (range != null) {
            exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (wav.length - 1) + "/"
                    + wav.length);
        }
        exchange.getResponseHeaders().set("Content-Type", "audio/wav");
        exchange.sendResponseHeaders(range == null ? 200 : 206, part.length);
        OutputStream body = exchange.getResponseBody();
        if (how == Audio.DROP_HALFWAY) {
            body.write(part, 0, part.length / 2);
            body.flush();
            throw new IOException("the line dropped halfway");
        }
        body.write(part);
        exchange.close();
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A tone of {@code millis} ms, 16 kHz mono 16-bit. */
    public static byte[] tone(int millis) {
        byte[] pcm = new byte[millis * 32];
        for (int i = 0; i < pcm.length / 2; i++) {
            short sample = (short) (8_000 * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
            pcm[2 * i] = (byte) sample;
            pcm[2 * i + 1] = (byte) (sample >> 8);
        }
        return pcm;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
