package org.courtyard.hub.api.family;

import static org.eclipse.jetty.http.HttpMethod.GET;
import static org.eclipse.jetty.http.HttpMethod.PUT;

import org.courtyard.hub.api.FeatureContext;
import org.courtyard.hub.auth.Access;
import org.courtyard.hub.family.FamilyMessages;
import org.courtyard.hub.web.ChecksumFile;
import org.courtyard.hub.web.Reply;

/**
 * The kiosks' side of family messages, outside the family prefix (kiosks stay inside):
 * {@code GET /api/v1/family-messages/{id}/audio} (a message to a resident of the kiosk's village,
 * resumable by checksum) and {@code PUT /api/v1/family-messages/{id}?replyTo=ID} (a reply recorded
 * at the kiosk, {@code audio/wav}; 201 when stored, 200 when a retry finds it stored).
 */
final class KioskMessageRoutes {

    private final FamilyMessages messages;

    KioskMessageRoutes(FamilyMessages messages) {
        this.messages = messages;
    }

    void register(FeatureContext hub) {
        hub.route(GET, "/api/v1/family-messages/{id}/audio", Access.KIOSK.to("fetch family messages"),
                (exchange, kiosk) -> {
                    String id = exchange.pathParameter("id");
                    FamilyMessages.Audio audio = messages.audio(kiosk, id);
                    return ChecksumFile.serve(exchange, audio.file(), audio.sha256(), "audio/wav", true,
                            "family message " + id);
                });
        hub.route(PUT, "/api/v1/family-messages/{id}", Access.KIOSK.to("send replies"), (exchange, kiosk) -> {
            FamilyMessages.Stored stored = messages.reply(kiosk, exchange.pathParameter("id"),
                    exchange.query("replyTo").orElse(null), exchange.wavBody(FamilyMessages.MAX_BYTES));
            return Reply.json(stored.created() ? 201 : 200, stored.message());
        });
    }
}
