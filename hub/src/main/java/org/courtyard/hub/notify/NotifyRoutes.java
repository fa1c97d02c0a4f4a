package org.courtyard.hub.notify;

import org.courtyard.hub.audit.Actor;
import org.courtyard.hub.audit.AuditLog;
import org.courtyard.hub.auth.Authenticator;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.web.Reply;
import org.courtyard.hub.web.Router;

/**
 * {@code /api/v1/webhooks}: the webhook receivers with how each is doing, and the staff page's
 * 「发送测试消息」; ADMIN and STAFF only. A receiver's change of state goes to the live stream as
 * {@value #RECEIVER_EVENT}, to ADMIN and STAFF.
 */
public final class NotifyRoutes {

    /** The live stream's event for a receiver whose state changed; data: the receiver. */
    public static final String RECEIVER_EVENT = "webhook-receiver";

    private final Webhooks webhooks;
    private final Authenticator authenticator;
    private final AuditLog audit;

    public NotifyRoutes(Webhooks webhooks, Authenticator authenticator, AuditLog audit) {
        this.webhooks = webhooks;
        this.authenticator = authenticator;
        this.audit = audit;
    }

    public void register(Router router) {
        router.add("GET", "/api/v1/webhooks", exchange -> Reply.ok(webhooks.receivers(
                authenticator.requireStaff(exchange))));
        router.add("POST", "/api/v1/webhooks/{id}/test", exchange -> {
            StaffUser user = authenticator.requireStaff(exchange);
            return Reply.json(202, webhooks.test(user, exchange.pathParameter("id"),
                    audit.by(Actor.of(user.username(), exchange))));
        });
    }
}
