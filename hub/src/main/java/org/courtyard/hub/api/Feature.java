package org.courtyard.hub.api;

import java.util.List;
import org.courtyard.hub.store.Migration;

/**
 * One feature of the hub, plugged in with one line in {@code Hub}: its tables, and everything it
 * registers with the hub's shared services when installed (routes with their access, sync event
 * handlers and answer parts, listeners, live-stream and webhook notices, periodic checks).
 *
 * <p>The hub installs its features in order, each once: it first brings the feature's tables up
 * to date ({@link #migrations()}, recorded as {@code (name, version)}), then calls
 * {@link #install}. A feature that needs another's services takes that feature in its
 * constructor and is installed after it.
 */
public interface Feature {

    /**
     * A short stable name: lower-case letters, digits and '-'. It keys the feature's steps in
     * {@code schema_migrations}, so it never changes once released.
     */
    String name();

    /** The feature's schema steps, numbered 1, 2, 3 ... oldest first; none by default. */
    default List<Migration> migrations() {
        return List.of();
    }

    /** Builds the feature on the hub's shared services and registers what it offers; called once. */
    void install(FeatureContext hub);
}
