package org.courtyard.hub.notify;

import java.util.Optional;

/**
 * The live events the staff page listens to ({@code GET /api/v1/stream}). Features publish theirs
 * after the change committed, with a name in lower-case words joined by '-' ({@code help-created},
 * {@code checkin-alert}); docs/api.md lists them. The stream itself is the web layer's.
 */
@FunctionalInterface
public interface LiveEvents {

    /**
     * Sends {@code event} with {@code data} (written as JSON) to every open stream that may see
     * {@code village}: staff see all, a cadre only their village; an empty village goes to all.
     * Call after the change committed; must return at once.
     */
    void publish(String event, Optional<String> village, Object data);
}
