package org.courtyard.hub.api;

import org.courtyard.hub.audit.Actor;
import org.courtyard.hub.audit.AuditLog;
import org.courtyard.hub.audit.AuditTrail;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.web.Exchange;

/** Who acts through a request, for the audit log. */
public final class Actors {

    private Actors() {
    }

    /**
     * {@code username} calling through {@code exchange}: the logged-in user's name, or at the
     * login the name given; the address is the client's ({@link Exchange#clientAddress()}).
     */
    public static Actor of(String username, Exchange exchange) {
        return new Actor(username, exchange.clientAddress());
    }

    /** The trail that records {@code user}'s change, made through {@code exchange}, in its transaction. */
    public static AuditTrail trail(AuditLog audit, StaffUser user, Exchange exchange) {
        return audit.by(of(user.username(), exchange));
    }
}
