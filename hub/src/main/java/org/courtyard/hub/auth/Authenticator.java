package org.courtyard.hub.auth;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Finds the caller behind a bearer token (from the header or the session cookie): each
 * {@link Lookup} is asked in the order added, the first that knows the token's hash wins. Staff
 * sessions are looked up first, then kiosk tokens; a feature with callers of its own adds its
 * lookup. Which calls a caller may make is {@link Access}'s business.
 */
public final class Authenticator {

    /** Finds a caller by the SHA-256 of their token ({@link Tokens#hash}); reads only. */
    @FunctionalInterface
    public interface Lookup {

        Optional<? extends Principal> byTokenHash(String tokenHash);
    }

    private final List<Lookup> lookups = new CopyOnWriteArrayList<>();

    /** Asks {@code lookup} after the ones added before it; call while the hub is assembled. */
    public Authenticator add(Lookup lookup) {
        lookups.add(lookup);
        return this;
    }

    /** The caller whose token this is, or empty for none or an unknown or expired one. */
    public Optional<Principal> authenticate(Optional<String> token) {
        if (token.isEmpty()) {
            return Optional.empty();
        }
        String hash = Tokens.hash(token.get());
        for (Lookup lookup : lookups) {
            Optional<? extends Principal> found = lookup.byTokenHash(hash);
            if (found.isPresent()) {
                return Optional.of(found.get());
            }
        }
        return Optional.empty();
    }
}
