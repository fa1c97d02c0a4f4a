package org.courtyard.hub.audit;

import org.courtyard.hub.web.Exchange;

/**
 * Who acts and from where.
 *
 * @param username the staff user's name; for a failed login the name that was tried
 * @param address the client's IP address (see {@link Exchange#clientAddress()})
 */
public record Actor(String username, String address) {

    public Actor {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("an actor needs a username");
        }
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("an actor needs an address");
        }
    }

    /**
     * {@code username} calling through {@code exchange}: the logged-in user's name, or at the
     * login the name given.
     */
    public static Actor of(String username, Exchange exchange) {
        return new Actor(username, exchange.clientAddress());
    }
}
