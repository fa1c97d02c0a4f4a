package org.courtyard.kiosk.core;

import org.courtyard.protocol.Event;

/**
 * Where a feature puts the facts it reports to the hub. {@link #append} returns once the event is
 * on disk (SQLite, {@code synchronous=FULL}): only then may the elder be told it was sent.
 * {@link #pushNow} asks sync to send at once instead of at its next tick. Every event says whether
 * the kiosk's clock could be believed when it was made: {@link #clockTrusted()}.
 */
public interface Outbox {

    /** Durably appends {@code event}. */
    void append(Event event);

    /**
     * Durably appends {@code event} together with {@code alongside}'s writes to the feature's own
     * tables, in one transaction: a fact recorded locally and reported to the hub is both or neither,
     * even across a power cut.
     */
    void append(Event event, SqlWork<?> alongside);

    /** Sends the outbox to the hub now, cutting short any wait or backoff. */
    void pushNow();

    /** Whether events made now may claim a trusted clock. */
    boolean clockTrusted();
}
