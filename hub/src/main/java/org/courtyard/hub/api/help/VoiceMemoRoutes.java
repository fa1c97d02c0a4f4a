package org.courtyard.hub.api.help;

import static org.eclipse.jetty.http.HttpMethod.GET;
import static org.eclipse.jetty.http.HttpMethod.PUT;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Locale;
import org.courtyard.hub.api.Actors;
import org.courtyard.hub.api.FeatureContext;
import org.courtyard.hub.audit.AuditLog;
import org.courtyard.hub.auth.Access;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.help.VoiceMemos;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.Reply;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /api/v1/help-requests/{id}/memo}: the kiosk that sent a request uploads the elder's
 * voice memo ({@code PUT}, body {@code audio/wav}, optional {@code ?transcript=}); staff play it
 * ({@code GET}, cadres only their village's), with {@code ETag} and byte ranges so a browser's
 * audio player can seek. A staff member's listening is audited as {@code help.memo.play}: once per
 * playback, that is for a request of the whole memo or of a range from its first byte, not for the
 * player's later ranges or a 304.
 */
final class VoiceMemoRoutes {

    private final VoiceMemos memos;
    private final AuditLog audit;

    VoiceMemoRoutes(VoiceMemos memos, AuditLog audit) {
        this.memos = memos;
        this.audit = audit;
    }

    void register(FeatureContext hub) {
        hub.route(PUT, "/api/v1/help-requests/{id}/memo", Access.KIOSK.to("upload voice memos"),
                (exchange, kiosk) -> Reply.ok(memos.store(kiosk, HelpRoutes.id(exchange),
                        exchange.wavBody(VoiceMemos.MAX_BYTES), exchange.query("transcript").orElse(null))));
        hub.route(GET, "/api/v1/help-requests/{id}/memo", Access.STAFF, this::play);
    }

    private Reply play(Exchange exchange, StaffUser user) throws IOException {
        VoiceMemos.Audio audio = memos.audio(user, HelpRoutes.id(exchange));
        byte[] bytes = Files.readAllBytes(audio.file());
        String etag = "\"" + audio.memo().sha256() + "\"";
        Response response = exchange.response();
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.ETAG, etag);
        response.getHeaders().put(HttpHeader.ACCEPT_RANGES, "bytes");
        String ifNoneMatch = exchange.header("If-None-Match").orElse(null);
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.strip().equals("*"))) {
            return finish(exchange, 304, null, 0, 0);
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "audio/wav");
        String range = exchange.header("Range").orElse(null);
        if (range == null) {
            played(user, exchange, audio);
            return finish(exchange, 200, bytes, 0, bytes.length);
        }
        long[] span = range(range, bytes.length);
        if (span == null) {
            response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes */" + bytes.length);
            throw new Refusal(Refusal.Kind.OUT_OF_RANGE, "range_not_satisfiable", "Range '" + range + "' is not within the "
                    + bytes.length + " bytes of the memo");
        }
        if (span[0] == 0) {
            played(user, exchange, audio);
        }
        response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes " + span[0] + "-" + span[1] + "/" + bytes.length);
        return finish(exchange, 206, bytes, (int) span[0], (int) (span[1] - span[0] + 1));
    }

    private void played(StaffUser user, Exchange exchange, VoiceMemos.Audio audio) {
        audit.recordAlone(Actors.of(user.username(), exchange), "help.memo.play", exchange.pathParameter("id"),
                audio.memo().durationMs() + " ms");
    }

    private static Reply finish(Exchange exchange, int status, byte[] bytes, int offset, int length) {
        Callback callback = exchange.detach();
        Response response = exchange.response();
        response.setStatus(status);
        if (bytes == null) {
            response.write(true, null, callback);
        } else {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
            response.write(true, ByteBuffer.wrap(bytes, offset, length), callback);
        }
        return Reply.detached();
    }

    /** {@code bytes=A-B}, {@code bytes=A-} or {@code bytes=-N}: the first and last byte, or null if unsatisfiable. */
    static long[] range(String header, long size) {
        String value = header.strip().toLowerCase(Locale.ROOT);
        if (!value.startsWith("bytes=") || value.contains(",")) {
            return null;
        }
        String[] parts = value.substring(6).split("-", -1);
        if (parts.length != 2) {
            return null;
        }
        try {
            long first;
            long last;
            if (parts[0].isBlank()) {
                long suffix = Long.parseLong(parts[1].strip());
                first = Math.max(0, size - suffix);
                last = size - 1;
            } else {
                first = Long.parseLong(parts[0].strip());
                last = parts[1].isBlank() ? size - 1 : Math.min(size - 1, Long.parseLong(parts[1].strip()));
            }
            return first < 0 || first > last || first >= size ? null : new long[] {first, last};
        } catch (NumberFormatException e) {
            return null;
        }
    }

}
