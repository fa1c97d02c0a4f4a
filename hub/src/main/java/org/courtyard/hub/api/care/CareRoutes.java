package org.courtyard.hub.api.care;

import static org.eclipse.jetty.http.HttpMethod.DELETE;
import static org.eclipse.jetty.http.HttpMethod.GET;
import static org.eclipse.jetty.http.HttpMethod.POST;
import static org.eclipse.jetty.http.HttpMethod.PUT;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.courtyard.hub.api.Actors;
import org.courtyard.hub.api.FeatureContext;
import org.courtyard.hub.audit.AuditLog;
import org.courtyard.hub.auth.Access;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.care.CareBoard;
import org.courtyard.hub.care.CareTasks;
import org.courtyard.hub.care.Organisations;
import org.courtyard.hub.care.OrganisationInput;
import org.courtyard.hub.care.TaskKind;
import org.courtyard.hub.care.TaskQuery;
import org.courtyard.hub.care.TaskStatus;
import org.courtyard.hub.care.TermInput;
import org.courtyard.hub.care.Terms;
import org.courtyard.hub.care.VisitInput;
import org.courtyard.hub.care.Visits;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.photos.PhotoImages;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.Paging;
import org.courtyard.hub.web.Reply;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Care work for staff and cadres (cadres: their village): {@code /api/v1/care-tasks} (list, one,
 * skip, reopen), {@code /api/v1/visits} (record from a phone, a month's, one, coverage),
 * {@code /api/v1/residents/{id}/visits}, {@code /api/v1/care-terms}, {@code /api/v1/organisations}
 * (and {@code .csv}), and for the pages
 * {@code /api/v1/care/me} (the login and its cadre) and {@code /api/v1/care/board} (the 走访 section).
 */
final class CareRoutes {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    /** A page of coverage with names counts villages, as check-ins by village (docs/api.md). */
    private static final int VILLAGES_DEFAULT_LIMIT = 20;
    private static final int VILLAGES_MAX_LIMIT = 100;
    private static final int MAX_CSV_BYTES = 1 << 20;
    /** Largest photo upload, as for residents; the stored photo is far smaller. */
    private static final int MAX_PHOTO_BYTES = 8 << 20;

    private final CareTasks tasks;
    private final Visits visits;
    private final Terms terms;
    private final CareBoard board;
    private final Organisations organisations;
    private final AuditLog audit;

    CareRoutes(CareTasks tasks, Visits visits, Terms terms, CareBoard board, Organisations organisations,
            AuditLog audit) {
        this.tasks = tasks;
        this.visits = visits;
        this.terms = terms;
        this.board = board;
        this.organisations = organisations;
        this.audit = audit;
    }

    void register(FeatureContext hub) {
        hub.route(GET, "/api/v1/care-tasks", Access.STAFF, this::listTasks);
        hub.route(GET, "/api/v1/care-tasks/{id}", Access.STAFF, (exchange, user) -> Reply.ok(tasks.get(user,
                exchange.pathParameter("id"))));
        hub.route(POST, "/api/v1/care-tasks/{id}/skip", Access.STAFF, (exchange, user) -> {
            SkipRequest body = exchange.bodyAs(SkipRequest.class);
            return Reply.ok(tasks.skip(user, exchange.pathParameter("id"), body.reason(), Actors.trail(audit, user, exchange)));
        });
        hub.route(POST, "/api/v1/care-tasks/{id}/reopen", Access.STAFF, (exchange, user) -> {
            return Reply.ok(tasks.reopen(user, exchange.pathParameter("id"), Actors.trail(audit, user, exchange)));
        });
        hub.route(POST, "/api/v1/visits", Access.STAFF, (exchange, user) -> {
            Visits.Stored stored = visits.fromPhone(user, exchange.bodyAs(VisitInput.class), Actors.trail(audit, user, exchange));
            return Reply.json(stored.created() ? 201 : 200, stored.visit());
        });
        hub.route(GET, "/api/v1/visits", Access.STAFF, (exchange, user) -> Paging.reply(exchange, visits.inMonth(user,
                month(exchange), exchange.query("village"), Paging.request(exchange, DEFAULT_LIMIT, MAX_LIMIT))));
        hub.route(GET, "/api/v1/visits/coverage", Access.STAFF, (exchange, user) -> names(exchange)
                ? Paging.reply(exchange, visits.coverage(user, month(exchange), exchange.query("village"),
                        Paging.request(exchange, VILLAGES_DEFAULT_LIMIT,
                                VILLAGES_MAX_LIMIT)))
                : Reply.ok(visits.coverageCounts(user, month(exchange))));
        hub.route(GET, "/api/v1/visits/{id}", Access.STAFF, (exchange, user) -> Reply.ok(visits.get(user,
                exchange.pathParameter("id"))));
        hub.route(PUT, "/api/v1/visits/{id}/photo", Access.STAFF, (exchange, user) -> {
            String type = exchange.header("Content-Type").orElse("").split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (!type.equals("image/jpeg") && !type.equals("image/png")) {
                throw Refusal.unsupportedType("a photo must be image/jpeg or image/png, was '" + type + "'");
            }
            byte[] image = exchange.body(MAX_PHOTO_BYTES);
            if (!PhotoImages.looksLike(image, type)) {
                throw Refusal.unsupportedType("the body is declared " + type + " but is not one");
            }
            return Reply.ok(visits.setPhoto(user, exchange.pathParameter("id"), image, Actors.trail(audit, user, exchange)));
        });
        hub.route(GET, "/api/v1/visits/{id}/photo", Access.STAFF, (exchange, user) -> {
            byte[] jpeg = Files.readAllBytes(visits.photo(user, exchange.pathParameter("id")));
            send(exchange, "image/jpeg", jpeg, null);
            return Reply.detached();
        });
        hub.route(GET, "/api/v1/residents/{id}/visits", Access.STAFF, (exchange, user) -> Paging.reply(exchange,
                visits.of(user, exchange.pathParameter("id"), Paging.request(exchange, DEFAULT_LIMIT, MAX_LIMIT))));
        hub.route(GET, "/api/v1/care/me", Access.STAFF, (exchange, user) -> Reply.ok(visits.me(user)));
        hub.route(GET, "/api/v1/care/board", Access.STAFF, (exchange, user) -> Reply.ok(board.board(user,
                month(exchange), exchange.query("village"))));
        hub.route(GET, "/api/v1/organisations", Access.STAFF, (exchange, user) -> Reply.ok(organisations.list(user)));
        hub.route(POST, "/api/v1/organisations", Access.OFFICE.to("register organisations"), (exchange, user) -> {
            return Reply.created(organisations.create(user, exchange.bodyAs(OrganisationInput.class),
                    Actors.trail(audit, user, exchange)));
        });
        hub.route(GET, "/api/v1/organisations/{id}", Access.STAFF, (exchange, user) -> Reply.ok(
                organisations.get(user, exchange.pathParameter("id"))));
        hub.route(PUT, "/api/v1/organisations/{id}", Access.OFFICE.to("change organisations"), (exchange, user) -> {
            return Reply.ok(organisations.replace(user, exchange.pathParameter("id"),
                    exchange.bodyAs(OrganisationInput.class), Actors.trail(audit, user, exchange)));
        });
        hub.route(GET, "/api/v1/organisations.csv", Access.OFFICE.to("export organisations"), (exchange, user) -> {
            send(exchange, "text/csv; charset=utf-8", organisations.exportCsv(user)
                    .getBytes(StandardCharsets.UTF_8), "attachment; filename=\"organisations.csv\"");
            return Reply.detached();
        });
        hub.route(POST, "/api/v1/organisations.csv", Access.OFFICE.to("import organisations"), (exchange, user) -> {
            String type = exchange.header("Content-Type").orElse("").split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (!type.equals("text/csv") && !type.equals("text/plain")) {
                throw Refusal.unsupportedType("the body must be text/csv, was '" + type + "'");
            }
            return Reply.ok(organisations.importCsv(user, exchange.body(MAX_CSV_BYTES), Actors.trail(audit, user, exchange)));
        });
        hub.route(GET, "/api/v1/care-terms", Access.STAFF, (exchange, user) -> Reply.ok(terms.list()));
        hub.route(POST, "/api/v1/care-terms", Access.OFFICE.to("set school terms"), (exchange, user) -> {
            return Reply.created(terms.create(user, exchange.bodyAs(TermInput.class), Actors.trail(audit, user, exchange)));
        });
        hub.route(PUT, "/api/v1/care-terms/{id}", Access.OFFICE.to("set school terms"), (exchange, user) -> {
            return Reply.ok(terms.update(user, exchange.pathParameter("id"), exchange.bodyAs(TermInput.class),
                    Actors.trail(audit, user, exchange)));
        });
        hub.route(DELETE, "/api/v1/care-terms/{id}", Access.OFFICE.to("set school terms"), (exchange, user) -> {
            terms.delete(user, exchange.pathParameter("id"), Actors.trail(audit, user, exchange));
            return Reply.noContent();
        });
    }

    /** The body of {@code POST /api/v1/care-tasks/{id}/skip}. */
    public record SkipRequest(String reason) {
    }

    private Reply listTasks(Exchange exchange, StaffUser user) {
        LocalDate from = date(exchange, "from").orElseGet(tasks::today);
        LocalDate to = date(exchange, "to").orElse(from);
        TaskQuery query;
        try {
            query = new TaskQuery(from, to, choice(exchange, "kind", TaskKind.class),
                    choice(exchange, "status", TaskStatus.class), exchange.query("village"),
                    exchange.query("residentId"), exchange.query("cadreId"));
        } catch (IllegalArgumentException e) {
            throw Refusal.invalidField(e.getMessage().contains("'from'") ? "from" : "to", e.getMessage());
        }
        return Paging.reply(exchange, tasks.list(user, query, Paging.request(exchange, DEFAULT_LIMIT, MAX_LIMIT)));
    }

    /** {@code names=false}: numbers only, without the lists of names; true by default. */
    private static boolean names(Exchange exchange) {
        return exchange.query("names").map(value -> switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw Refusal.invalidField("names", "query parameter 'names' must be true or false");
        }).orElse(true);
    }

    /** Answers 200 with {@code body} as it is (a file), not as JSON. */
    private static void send(Exchange exchange, String contentType, byte[] body, String disposition) {
        Response response = exchange.response();
        Callback callback = exchange.detach();
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (disposition != null) {
            response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, disposition);
        }
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static Optional<LocalDate> date(Exchange exchange, String name) {
        Optional<String> value = exchange.query(name);
        try {
            return value.map(LocalDate::parse);
        } catch (DateTimeParseException e) {
            throw Refusal.invalidField(name, "query parameter '" + name + "' must be a date YYYY-MM-DD, was '"
                    + value.get() + "'");
        }
    }

    private static <E extends Enum<E>> Optional<E> choice(Exchange exchange, String name, Class<E> type) {
        Optional<String> value = exchange.query(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(value.get()))
                .findFirst().orElseThrow(() -> Refusal.invalidField(name, "query parameter '" + name
                        + "' must be one of " + Arrays.toString(type.getEnumConstants()) + ", was '" + value.get()
                        + "'")));
    }

    /** {@code month=YYYY-MM}, this month when absent. */
    private YearMonth month(Exchange exchange) {
        Optional<String> month = exchange.query("month");
        if (month.isEmpty()) {
            return YearMonth.from(tasks.today());
        }
        try {
            return YearMonth.parse(month.get());
        } catch (DateTimeParseException e) {
            throw Refusal.invalidField("month", "query parameter 'month' must be a month YYYY-MM, was '"
                    + month.get() + "'");
        }
    }
}
