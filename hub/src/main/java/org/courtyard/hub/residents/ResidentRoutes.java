package org.courtyard.hub.residents;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.courtyard.hub.audit.Actor;
import org.courtyard.hub.audit.AuditLog;
import org.courtyard.hub.audit.AuditTrail;
import org.courtyard.hub.auth.Authenticator;
import org.courtyard.hub.auth.Principal;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.residents.internal.Bodies;
import org.courtyard.hub.store.DatabaseException;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.HttpError;
import org.courtyard.hub.web.Reply;
import org.courtyard.hub.web.Router;
import org.courtyard.protocol.ResidentType;

/**
 * {@code /api/v1/residents}: the ledger (create, list, read, replace, patch), photos, and the CSV
 * export and import at {@code /api/v1/residents.csv}. Staff see every village, a cadre their own;
 * a kiosk token may fetch the photos of its village. Every change is audited ({@code resident.*});
 * so is a CSV export, which hands out the ledger with full phone numbers.
 */
public final class ResidentRoutes {

    /** Largest photo upload; the stored photo is far smaller (see PhotoImages). */
    public static final int MAX_PHOTO_BYTES = 8 * 1024 * 1024;
    /** Largest CSV file: the hub's body limit, some five thousand rows. */
    public static final int MAX_CSV_BYTES = Exchange.MAX_BODY_BYTES;

    private final Residents residents;
    private final Ledger ledger;
    private final Authenticator authenticator;
    private final AuditLog audit;

    public ResidentRoutes(Residents residents, Ledger ledger, Authenticator authenticator, AuditLog audit) {
        this.residents = residents;
        this.ledger = ledger;
        this.authenticator = authenticator;
        this.audit = audit;
    }

    public void register(Router router) {
        router.add("POST", "/api/v1/residents", this::create);
        router.add("GET", "/api/v1/residents", this::list);
        router.add("GET", "/api/v1/residents.csv", this::export);
        router.add("POST", "/api/v1/residents.csv", this::importCsv);
        router.add("GET", "/api/v1/residents/{id}", exchange -> Reply.ok(
                residents.get(authenticator.requireStaff(exchange), exchange.pathParameter("id"))));
        router.add("PUT", "/api/v1/residents/{id}", exchange -> {
            StaffUser user = authenticator.requireStaff(exchange);
            return Reply.ok(residents.replace(user, exchange.pathParameter("id"),
                    exchange.bodyAs(ResidentInput.class), trail(user, exchange)));
        });
        router.add("PATCH", "/api/v1/residents/{id}", exchange -> {
            StaffUser user = authenticator.requireStaff(exchange);
            return Reply.ok(residents.patch(user, exchange.pathParameter("id"), exchange.bodyTree(),
                    trail(user, exchange)));
        });
        router.add("PUT", "/api/v1/residents/{id}/photo", this::putPhoto);
        router.add("GET", "/api/v1/residents/{id}/photo", this::getPhoto);
        router.add("DELETE", "/api/v1/residents/{id}/photo", exchange -> {
            StaffUser user = authenticator.requireStaff(exchange);
            residents.deletePhoto(user, exchange.pathParameter("id"), trail(user, exchange));
            return Reply.noContent();
        });
    }

    private AuditTrail trail(StaffUser user, Exchange exchange) {
        return audit.by(Actor.of(user.username(), exchange));
    }

    private Reply create(Exchange exchange) {
        StaffUser user = authenticator.requireStaff(exchange);
        return Reply.created(residents.create(user, exchange.bodyAs(ResidentInput.class), trail(user, exchange)));
    }

    private Reply list(Exchange exchange) {
        StaffUser user = authenticator.requireStaff(exchange);
        Optional<ResidentType> type = exchange.query("type").map(value -> {
            try {
                return ResidentType.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw HttpError.invalidField("type", "query parameter 'type' must be ELDER or CHILD, was '" + value + "'");
            }
        });
        boolean inactive = exchange.query("includeInactive").map(value -> switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw HttpError.invalidField("includeInactive",
                    "query parameter 'includeInactive' must be true or false");
        }).orElse(false);
        return Reply.ok(residents.list(user, new ResidentFilter(exchange.query("village"), type, exchange.query("tag"),
                exchange.query("cadreId"), inactive)));
    }

    private Reply export(Exchange exchange) {
        StaffUser user = authenticator.requireStaff(exchange);
        Optional<String> village = exchange.query("village");
        byte[] csv = ledger.exportCsv(user, village);
        audit.recordAlone(Actor.of(user.username(), exchange), "resident.export", null,
                "village=" + village.orElse(user.village() == null ? "all" : user.village()));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-store");
        // The file name in ASCII; browsers name the download from it.
        headers.put("Content-Disposition", "attachment; filename=\"residents.csv\"");
        Bodies.send(exchange, 200, "text/csv; charset=utf-8", csv, headers);
        return Reply.detached();
    }

    private Reply importCsv(Exchange exchange) {
        StaffUser user = authenticator.requireStaff(exchange);
        Bodies.Body body = Bodies.read(exchange, Set.of("text/csv", "text/plain"), MAX_CSV_BYTES);
        try {
            return Reply.ok(ledger.importCsv(user, body.bytes(), trail(user, exchange)));
        } catch (Ledger.ImportFailed e) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", "invalid_csv");
            error.put("message", e.getMessage());
            error.put("total", e.total());
            error.put("errors", e.errors());
            return Reply.json(400, Map.of("error", error));
        }
    }

    private Reply putPhoto(Exchange exchange) {
        StaffUser user = authenticator.requireStaff(exchange);
        String id = exchange.pathParameter("id");
        residents.get(user, id);
        Bodies.Body body = Bodies.read(exchange, Set.of("image/jpeg", "image/png"), MAX_PHOTO_BYTES);
        if (!org.courtyard.hub.photos.PhotoImages.looksLike(body.bytes(), body.mediaType())) {
            throw new HttpError(415, "unsupported_media_type", "the body is declared " + body.mediaType()
                    + " but is not a " + (body.mediaType().equals("image/png") ? "PNG" : "JPEG") + " file");
        }
        return Reply.ok(residents.setPhoto(user, id, body.bytes(), trail(user, exchange)));
    }

    private Reply getPhoto(Exchange exchange) throws IOException {
        Principal caller = authenticator.authenticate(exchange).orElseThrow(() -> HttpError.unauthorized(
                "send a staff or kiosk token as 'Authorization: Bearer <token>'"));
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
