package org.courtyard.hub.audit;

/**
 * Who acts and from where.
 *
 * @param username the staff user's name; for a failed login the name that was tried
 * @param address the client's IP address (behind a trusted reverse proxy, the one it forwarded)
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
}
