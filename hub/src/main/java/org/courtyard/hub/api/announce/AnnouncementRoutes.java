package org.courtyard.hub.api.announce;

import static org.eclipse.jetty.http.HttpMethod.GET;
import static org.eclipse.jetty.http.HttpMethod.HEAD;
import static org.eclipse.jetty.http.HttpMethod.POST;
import static org.eclipse.jetty.http.HttpMethod.PUT;

import java.io.IOException;
import java.util.Optional;
import org.courtyard.hub.announce.AnnouncementAudio;
import org.courtyard.hub.announce.AnnouncementDraft;
import org.courtyard.hub.announce.AnnouncementView;
import org.courtyard.hub.announce.Announcements;
import org.courtyard.hub.api.Actors;
import org.courtyard.hub.api.FeatureContext;
import org.courtyard.hub.audit.AuditLog;
import org.courtyard.hub.auth.Access;
import org.courtyard.hub.auth.Principal;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.web.ChecksumFile;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.Paging;
import org.courtyard.hub.web.Reply;
import org.courtyard.protocol.AudioRef;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * {@code /api/v1/announcements}: create, list, read, edit, withdraw; upload and download the audio;
 * the delivery board. Staff tokens (cadres: their village); the audio download also takes the token
 * of a kiosk the announcement is for. Changes are audited ({@code announcement.*}).
 *
 * <p>The audio download is made for villages with a poor link ({@link ChecksumFile}): the file's
 * SHA-256 is its {@code ETag}, {@code Range: bytes=N-} resumes a broken download with 206,
 * {@code If-Range} makes sure the rest belongs to the same file, and {@code If-None-Match} answers 304.
 */
final class AnnouncementRoutes {

    private static final int DEFAULT_LIMIT = 200;
    private static final int MAX_LIMIT = 1000;

    /** Who gets the audio: staff who may see the announcement, and the kiosks it is for. */
    private static final Access<Principal> AUDIO_READERS = Access.STAFF_OR_KIOSK.askingFor("send a staff token,"
            + " or the token of a kiosk the announcement is for, as 'Authorization: Bearer <token>'");

    private final Announcements announcements;
    private final AnnouncementAudio audio;
    private final AuditLog audit;

    AnnouncementRoutes(Announcements announcements, AnnouncementAudio audio, AuditLog audit) {
        this.announcements = announcements;
        this.audio = audio;
        this.audit = audit;
    }

    void register(FeatureContext hub) {
        hub.route(POST, "/api/v1/announcements", Access.STAFF, (exchange, user) -> Reply.created(
                announcements.create(user, exchange.bodyAs(AnnouncementDraft.class), Actors.trail(audit, user,
                        exchange))));
        hub.route(GET, "/api/v1/announcements", Access.STAFF, this::list);
        hub.route(GET, "/api/v1/announcements/{id}", Access.STAFF, (exchange, user) -> tagged(
                announcements.get(user, exchange.pathParameter("id"))));
        hub.route(PUT, "/api/v1/announcements/{id}", Access.STAFF, (exchange, user) -> tagged(
                announcements.update(user, exchange.pathParameter("id"), exchange.bodyAs(AnnouncementDraft.class),
                        exchange.ifMatch(), Actors.trail(audit, user, exchange))));
        hub.route(POST, "/api/v1/announcements/{id}/withdraw", Access.STAFF, (exchange, user) -> {
            exchange.emptyBody();
            return Reply.ok(announcements.withdraw(user, exchange.pathParameter("id"),
                    Actors.trail(audit, user, exchange)));
        });
        hub.route(PUT, "/api/v1/announcements/{id}/audio", Access.STAFF, this::upload);
        hub.route(GET, "/api/v1/announcements/{id}/audio", AUDIO_READERS,
                (exchange, caller) -> download(exchange, caller, true));
        hub.route(HEAD, "/api/v1/announcements/{id}/audio", AUDIO_READERS,
                (exchange, caller) -> download(exchange, caller, false));
        hub.route(GET, "/api/v1/announcements/{id}/deliveries", Access.STAFF, (exchange, user) -> Reply.ok(
                announcements.deliveries(user, exchange.pathParameter("id"))));
    }

    /** One announcement with its revision as the ETag, which a later PUT sends back as If-Match. */
    private static Reply tagged(AnnouncementView announcement) {
        return Reply.ok(announcement).withHeader("ETag", Exchange.etag(announcement.revision()));
    }

    private Reply list(Exchange exchange, StaffUser user) {
        Optional<Boolean> withdrawn = exchange.query("withdrawn").map(value -> switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw Refusal.invalidField("withdrawn", "query parameter 'withdrawn' must be true or false");
        });
        return Paging.reply(exchange, announcements.list(user, withdrawn, exchange.query("village"),
                Paging.request(exchange, DEFAULT_LIMIT, MAX_LIMIT)));
    }

    private Reply upload(Exchange exchange, StaffUser user) throws IOException, InterruptedException {
        String id = exchange.pathParameter("id");
        // Refuse before reading megabytes of audio for an announcement the caller may not change.
        announcements.requireWritable(user, id);
        AudioRef received = audio.receive(exchange.header(HttpHeader.CONTENT_TYPE.asString()).orElse(null),
                exchange.request().getLength(), () -> Request.asInputStream(exchange.request()));
        announcements.attachAudio(user, id, received, Actors.trail(audit, user, exchange));
        return Reply.ok(received);
    }

    private Reply download(Exchange exchange, Principal caller, boolean withBody) throws IOException {
        String id = exchange.pathParameter("id");
        AudioRef stored = announcements.audioFor(caller, id);
        return ChecksumFile.serve(exchange, audio.file(id, stored), stored.sha256(), "audio/wav", withBody,
                "the audio of announcement " + id);
    }
}
