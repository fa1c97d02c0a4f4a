package org.courtyard.hub.api.family;

import static org.eclipse.jetty.http.HttpMethod.GET;
import static org.eclipse.jetty.http.HttpMethod.POST;

import java.net.URI;
import org.courtyard.hub.api.Actors;
import org.courtyard.hub.api.FeatureContext;
import org.courtyard.hub.audit.AuditLog;
import org.courtyard.hub.auth.Access;
import org.courtyard.hub.family.ContactInput;
import org.courtyard.hub.family.FamilyContacts;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.Paging;
import org.courtyard.hub.web.Reply;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;

/**
 * Staff's side of family contacts: {@code POST/GET /api/v1/residents/{id}/family},
 * {@code GET /api/v1/family-contacts}, {@code POST /api/v1/family-contacts/{id}/invite} and
 * {@code .../revoke}. Any staff login; a cadre only their village's (the domain checks). Every
 * change is audited ({@code family.contact.create}, {@code family.invite}, {@code family.revoke}).
 */
final class ContactRoutes {

    private static final int DEFAULT_LIMIT = 200;
    private static final int MAX_LIMIT = 1000;

    private final FamilyContacts contacts;
    private final AuditLog audit;

    ContactRoutes(FamilyContacts contacts, AuditLog audit) {
        this.contacts = contacts;
        this.audit = audit;
    }

    void register(FeatureContext hub) {
        hub.route(POST, "/api/v1/residents/{id}/family", Access.STAFF, (exchange, user) -> Reply.created(
                contacts.add(user, exchange.pathParameter("id"), exchange.bodyAs(ContactInput.class),
                        Actors.trail(audit, user, exchange))));
        // A resident's family contacts are a handful: the list stays whole (docs/api.md "Paging").
        hub.route(GET, "/api/v1/residents/{id}/family", Access.STAFF, (exchange, user) -> Reply.ok(
                contacts.list(user, exchange.pathParameter("id"))));
        hub.route(GET, "/api/v1/family-contacts", Access.STAFF, (exchange, user) -> Paging.reply(exchange,
                contacts.list(user, exchange.query("village"), Paging.request(exchange, DEFAULT_LIMIT, MAX_LIMIT))));
        hub.route(POST, "/api/v1/family-contacts/{id}/invite", Access.STAFF, (exchange, user) -> Reply.created(
                contacts.invite(user, exchange.pathParameter("id"), origin(exchange),
                        Actors.trail(audit, user, exchange))));
        hub.route(POST, "/api/v1/family-contacts/{id}/revoke", Access.STAFF, (exchange, user) -> Reply.ok(
                contacts.revoke(user, exchange.pathParameter("id"), Actors.trail(audit, user, exchange))));
    }

    /** {@code scheme://host:port} the staff member's request came to (through a trusted proxy: its). */
    private static URI origin(Exchange exchange) {
        HttpURI uri = exchange.request().getHttpURI();
        String scheme = exchange.request().isSecure() ? "https" : uri.getScheme() == null ? "http" : uri.getScheme();
        int port = Request.getServerPort(exchange.request());
        boolean usual = port <= 0 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return URI.create(scheme + "://" + Request.getServerName(exchange.request()) + (usual ? "" : ":" + port));
    }
}
