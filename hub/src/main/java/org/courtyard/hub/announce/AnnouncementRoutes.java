package org.courtyard.hub.announce;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.courtyard.hub.announce.internal.AudioFiles;
import org.courtyard.hub.announce.internal.ByteRange;
import org.courtyard.hub.audit.Actor;
import org.courtyard.hub.audit.AuditLog;
import org.courtyard.hub.audit.AuditTrail;
import org.courtyard.hub.auth.Authenticator;
import org.courtyard.hub.auth.Principal;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.HttpError;
import org.courtyard.hub.web.JsonResponses;
import org.courtyard.hub.web.Reply;
import org.courtyard.hub.web.Router;
import org.courtyard.protocol.AudioRef;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/announcements}: create, list, read, edit, withdraw; upload and download the audio;
 * the delivery board. Staff tokens (cadres: their village); the audio download also takes the token
 * of a kiosk the announcement is for. Changes are audited ({@code announcement.*}).
 *
 * <p>The audio download is made for villages with a poor link: the file's SHA-256 is its
 * {@code ETag}, {@code Range: bytes=N-} resumes a broken download with 206, {@code If-Range} makes
 * sure the rest belongs to the same file, and {@code If-None-Match} answers 304. The file is sent by
 * asynchronous writes, so a slow kiosk holds no hub thread.
 */
public final class AnnouncementRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(AnnouncementRoutes.class);
    private static final int DEFAULT_LIMIT = 200;
    private static final int MAX_LIMIT = 1000;

    private final Announcements announcements;
    private final Authenticator authenticator;
    private final AudioFiles files;
    private final AudioUploads uploads;
    private final AuditLog audit;

    public AnnouncementRoutes(Announcements announcements, Authenticator authenticator, AuditLog audit, Path dataDir,
            AnnounceSettings settings) {
        this.announcements = announcements;
        this.authenticator = authenticator;
        this.audit = audit;
        this.files = new AudioFiles(dataDir);
        this.uploads = new AudioUploads(files, settings);
    }

    public void register(Router router) {
        router.add("POST", "/api/v1/announcements", this::create);
        router.add("GET", "/api/v1/announcements", this::list);
        router.add("GET", "/api/v1/announcements/{id}", this::one);
        router.add("PUT", "/api/v1/announcements/{id}", this::update);
        router.add("POST", "/api/v1/announcements/{id}/withdraw", this::withdraw);
        router.add("PUT", "/api/v1/announcements/{id}/audio", this::upload);
        router.add("GET", "/api/v1/announcements/{id}/audio", exchange -> download(exchange, true));
        router.add("HEAD", "/api/v1/announcements/{id}/audio", exchange -> download(exchange, false));
        router.add("GET", "/api/v1/announcements/{id}/deliveries", this::deliveries);
    }

    private Reply create(Exchange exchange) {
        StaffUser user = authenticator.requireStaff(exchange);
        return Reply.created(announcements.create(user, exchange.bodyAs(AnnouncementDraft.class),
                trail(user, exchange)));
    }

    private Reply list(Exchange exchange) {
        StaffUser user = authenticator.requireStaff(exchange);
        Optional<Boolean> withdrawn = exchange.query("withdrawn").map(value -> switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw HttpError.invalidField("withdrawn", "query parameter 'withdrawn' must be true or false");
        });
        return Reply.ok(announcements.list(user, withdrawn, exchange.query("village"), exchange.limit(DEFAULT_LIMIT, MAX_LIMIT)));
    }

    private Reply one(Exchange exchange) {
        StaffUser user = authenticator.requireStaff(exchange);
        return Reply.ok(announcements.get(user, exchange.pathParameter("id")));
    }

    private Reply update(Exchange exchange) {
        StaffUser user = authenticator.requireStaff(exchange);
        return Reply.ok(announcements.update(user, exchange.pathParameter("id"),
                exchange.bodyAs(AnnouncementDraft.class), trail(user, exchange)));
    }

    private Reply withdraw(Exchange exchange) {
        StaffUser user = authenticator.requireStaff(exchange);
        return Reply.ok(announcements.withdraw(user, exchange.pathParameter("id"), trail(user, exchange)));
    }

    private Reply upload(Exchange exchange) throws IOException, InterruptedException {
        StaffUser user = authenticator.requireStaff(exchange);
        String id = exchange.pathParameter("id");
        // Refuse before reading megabytes of audio for an announcement the caller may not change.
        announcements.requireWritable(user, id);
        AudioRef audio = uploads.receive(exchange);
        announcements.attachAudio(user, id, audio, trail(user, exchange));
        return Reply.ok(audio);
    }

    private AuditTrail trail(StaffUser user, Exchange exchange) {
        return audit.by(Actor.of(user.username(), exchange));
    }

    private Reply deliveries(Exchange exchange) {
        StaffUser user = authenticator.requireStaff(exchange);
        return Reply.ok(announcements.deliveries(user, exchange.pathParameter("id")));
    }

    private Reply download(Exchange exchange, boolean withBody) throws IOException {
        Principal caller = authenticator.authenticate(exchange)
                .orElseThrow(() -> HttpError.unauthorized("send a staff token, or the token of a kiosk the"
                        + " announcement is for, as 'Authorization: Bearer <token>'"));
        AudioRef audio = announcements.audioFor(caller, exchange.pathParameter("id"));
        Path file = files.find(audio.sha256()).orElseThrow(() -> new IllegalStateException(
                "the audio file " + audio.sha256() + " of announcement " + exchange.pathParameter("id")
                        + " is missing from " + files.location()));
        long length = Files.size(file);
        String etag = "\"" + audio.sha256() + "\"";
        Response response = exchange.response();
        response.getHeaders().put(HttpHeader.ETAG, etag);
        response.getHeaders().put(HttpHeader.ACCEPT_RANGES, "bytes");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");

        if (matches(exchange.header("If-None-Match"), etag)) {
            Callback callback = exchange.detach();
            response.setStatus(304);
            response.write(true, null, callback);
            return Reply.detached();
        }
        Optional<String> range = exchange.header("Range");
        Optional<String> ifRange = exchange.header("If-Range");
        if (ifRange.isPresent() && !ifRange.get().trim().equals(etag)) {
            // The client's partial file is of other audio: it gets the whole of this one.
            range = Optional.empty();
        }
        ByteRange.Outcome outcome = ByteRange.of(range, length);
        if (outcome instanceof ByteRange.Unsatisfiable) {
            response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes */" + length);
            JsonResponses.error(response, exchange.detach(), new HttpError(416, "range_not_satisfiable",
                    "the range '" + range.orElse("") + "' lies outside the " + length + " bytes of the audio"));
            return Reply.detached();
        }
        long first = 0;
        long count = length;
        int status = 200;
        if (outcome instanceof ByteRange.Partial partial) {
            first = partial.range().first();
            count = partial.range().length();
            status = 206;
            response.getHeaders().put(HttpHeader.CONTENT_RANGE, partial.range().contentRange(length));
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "audio/wav");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, count);
        Callback callback = exchange.detach();
        if (!withBody || count == 0) {
            response.write(true, null, callback);
            return Reply.detached();
        }
        String id = exchange.pathParameter("id");
        Content.copy(Content.Source.from(file, first, count), response, Callback.from(callback::succeeded, failure -> {
            LOG.debug("sending the audio of announcement {} ended early: {}", id, failure.toString());
            callback.failed(failure);
        }));
        return Reply.detached();
    }

    /** Whether an {@code If-None-Match} header names {@code etag} (or is {@code *}). */
    private static boolean matches(Optional<String> ifNoneMatch, String etag) {
        return ifNoneMatch.isPresent() && Arrays.stream(ifNoneMatch.get().split(","))
                .map(String::trim)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals("*") || tag.equals(etag));
    }
}
