package org.courtyard.hub.api.residents;

import static org.eclipse.jetty.http.HttpMethod.DELETE;
import static org.eclipse.jetty.http.HttpMethod.GET;
import static org.eclipse.jetty.http.HttpMethod.PATCH;
import static org.eclipse.jetty.http.HttpMethod.POST;
import static org.eclipse.jetty.http.HttpMethod.PUT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.courtyard.hub.api.Actors;
import org.courtyard.hub.api.Downloads;
import org.courtyard.hub.api.FeatureContext;
import org.courtyard.hub.audit.AuditLog;
import org.courtyard.hub.audit.AuditTrail;
import org.courtyard.hub.auth.Access;
import org.courtyard.hub.auth.Principal;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.residents.Ledger;
import org.courtyard.hub.residents.ResidentFilter;
import org.courtyard.hub.residents.ResidentInput;
import org.courtyard.hub.residents.ResidentView;
import org.courtyard.hub.residents.Residents;
import org.courtyard.hub.residents.RoundIntake;
import org.courtyard.hub.store.DatabaseException;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.Paging;
import org.courtyard.hub.web.Reply;
import org.courtyard.protocol.ResidentType;

/**
 * {@code /api/v1/residents}: the ledger (create, list, read, replace, patch), photos, and the CSV
 * export and import at {@code /api/v1/residents.csv}. Staff see every village, a cadre their own;
 * a kiosk token may fetch the photos of its village. Every change is audited ({@code resident.*});
 * so is a CSV export, which hands out the ledger with full phone numbers.
 */
final class ResidentRoutes {

    /** Largest photo upload; the stored photo is far smaller (see PhotoImages). */
    static final int MAX_PHOTO_BYTES = 8 * 1024 * 1024;
    /** Largest CSV file: the hub's body limit, some five thousand rows. */
    static final int MAX_CSV_BYTES = Exchange.MAX_BODY_BYTES;

    /** Residents in a page when the caller names no {@code limit}, and the most one may ask for. */
    static final int PAGE = 100;
    static final int MAX_PAGE = 500;

    private final Residents residents;
    private final Ledger ledger;
    private final AuditLog audit;
    private final Supplier<RoundIntake> roundIntake;

    /** @param roundIntake who adds a person a survey round found ({@code "round"} in the body) */
    ResidentRoutes(Residents residents, Ledger ledger, AuditLog audit, Supplier<RoundIntake> roundIntake) {
        this.residents = residents;
        this.ledger = ledger;
        this.audit = audit;
        this.roundIntake = roundIntake;
    }

    void register(FeatureContext hub) {
        hub.route(POST, "/api/v1/residents", Access.STAFF, this::create);
        hub.route(GET, "/api/v1/residents", Access.STAFF, this::list);
        hub.route(GET, "/api/v1/residents.csv", Access.STAFF, this::export);
        hub.route(POST, "/api/v1/residents.csv", Access.STAFF, this::importCsv);
        hub.route(GET, "/api/v1/residents/{id}", Access.STAFF, (exchange, user) -> tagged(
                residents.get(user, exchange.pathParameter("id"))));
        hub.route(PUT, "/api/v1/residents/{id}", Access.STAFF, (exchange, user) -> tagged(residents.replace(user,
                exchange.pathParameter("id"), exchange.bodyAs(ResidentInput.class), exchange.ifMatch(),
                Actors.trail(audit, user, exchange))));
        hub.route(PATCH, "/api/v1/residents/{id}", Access.STAFF, (exchange, user) -> tagged(residents.patch(user,
                exchange.pathParameter("id"), exchange.bodyTree(), exchange.ifMatch(),
                Actors.trail(audit, user, exchange))));
        hub.route(PUT, "/api/v1/residents/{id}/photo", Access.STAFF, this::putPhoto);
        hub.route(GET, "/api/v1/residents/{id}/photo", Access.STAFF_OR_KIOSK, this::getPhoto);
        hub.route(DELETE, "/api/v1/residents/{id}/photo", Access.STAFF, (exchange, user) -> {
            residents.deletePhoto(user, exchange.pathParameter("id"), Actors.trail(audit, user, exchange));
            return Reply.noContent();
        });
    }

    /** One resident with its version as the ETag, which a later PUT or PATCH sends back as If-Match. */
    private static Reply tagged(ResidentView resident) {
        return Reply.ok(resident).withHeader("ETag", Exchange.etag(resident.version()));
    }

    /** A resident; with {@code "round"}, one the survey found, added to that round too. */
    private Reply create(Exchange exchange, StaffUser user) {
        JsonNode body = exchange.bodyTree();
        JsonNode round = body instanceof ObjectNode object ? object.remove("round") : null;
        ResidentInput input = Exchange.as(body, ResidentInput.class);
        AuditTrail trail = Actors.trail(audit, user, exchange);
        if (round == null || round.isNull()) {
            return Reply.created(residents.create(user, input, trail));
        }
        if (!round.isTextual() || round.asText().isBlank()) {
            throw Refusal.invalidField("round", "field 'round' must be the id of the open survey round, such as s-k7m2qa");
        }
        return Reply.created(roundIntake.get().add(user, round.asText().strip(), input, trail));
    }

    private Reply list(Exchange exchange, StaffUser user) {
        Optional<ResidentType> type = exchange.query("type").map(value -> {
            try {
                return ResidentType.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw Refusal.invalidField("type", "query parameter 'type' must be ELDER or CHILD, was '" + value + "'");
            }
        });
        boolean inactive = exchange.query("includeInactive").map(value -> switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw Refusal.invalidField("includeInactive",
                    "query parameter 'includeInactive' must be true or false");
        }).orElse(false);
        return Paging.reply(exchange, residents.list(user, new ResidentFilter(exchange.query("village"), type,
                exchange.query("tag"), exchange.query("cadreId"), inactive, exchange.query("q")),
                Paging.request(exchange, PAGE, MAX_PAGE)));
    }

    /** The ledger as CSV, streamed as it is read; a refusal (403) comes before any byte. */
    private Reply export(Exchange exchange, StaffUser user) throws IOException {
        Optional<String> village = exchange.query("village");
        Downloads.Stream[] download = {null};
        try {
            ledger.exportCsv(user, village, () -> {
                audit.recordAlone(Actors.of(user.username(), exchange), "resident.export", null,
                        "village=" + village.orElse(user.village() == null ? "all" : user.village()));
                download[0] = Downloads.stream(exchange, "text/csv; charset=utf-8", "residents.csv");
                return download[0].writer();
            });
            download[0].finish();
        } catch (IOException | RuntimeException e) {
            if (download[0] == null) {
                throw e;
            }
            // The answer has begun: it can only be cut short.
            download[0].fail(e);
        }
        return Reply.detached();
    }

    private Reply importCsv(Exchange exchange, StaffUser user) {
        Bodies.Body body = Bodies.read(exchange, Set.of("text/csv", "text/plain"), MAX_CSV_BYTES);
        return Reply.ok(ledger.importCsv(user, body.bytes(), Actors.trail(audit, user, exchange)));
    }

    private Reply putPhoto(Exchange exchange, StaffUser user) {
        String id = exchange.pathParameter("id");
        residents.get(user, id);
        Bodies.Body body = Bodies.read(exchange, Set.of("image/jpeg", "image/png"), MAX_PHOTO_BYTES);
        return Reply.ok(residents.setPhoto(user, id, body.bytes(), body.mediaType(), Actors.trail(audit, user,
                exchange)));
    }

    private Reply getPhoto(Exchange exchange, Principal caller) throws IOException {
        Residents.StoredPhoto photo = residents.photo(caller, exchange.pathParameter("id"));
        String etag = "\"" + photo.sha256() + "\"";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ETag", etag);
        // Revalidate every time: the same address shows a new photo once it is replaced.
        headers.put("Cache-Control", "private, no-cache");
        Optional<String> ifNoneMatch = exchange.header("If-None-Match");
        if (ifNoneMatch.isPresent() && matches(ifNoneMatch.get(), etag)) {
            Bodies.send(exchange, 304, null, null, headers);
            return Reply.detached();
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(photo.file());
        } catch (IOException e) {
            throw new DatabaseException("cannot read the photo " + photo.file() + ": " + e.getMessage(), e);
        }
        Bodies.send(exchange, 200, "image/jpeg", bytes, headers);
        return Reply.detached();
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : List.of(ifNoneMatch.split(","))) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}
