package org.courtyard.kiosk.core;

import org.courtyard.protocol.HelpStatus;

/**
 * A help request's state as the kiosk knows it: SAVED (in the outbox, the hub has not confirmed
 * it yet — shown as "saved, sending"), then DELIVERED (the hub accepted it), then the hub's own
 * statuses. The headless {@code status} command prints SAVED as NEW, the hub's name for it.
 */
public enum LocalHelpStatus {
    SAVED,
    DELIVERED,
    ACKNOWLEDGED,
    ASSIGNED,
    RESOLVED,
    CANCELLED;

    /** The hub's status mapped to the kiosk's. */
    public static LocalHelpStatus of(HelpStatus status) {
        return switch (status) {
            case NEW -> DELIVERED;
            case ACKNOWLEDGED -> ACKNOWLEDGED;
            case ASSIGNED -> ASSIGNED;
            case RESOLVED -> RESOLVED;
            case CANCELLED -> CANCELLED;
        };
    }

    /** Statuses only move forward; RESOLVED and CANCELLED are final. */
    public boolean canBecome(LocalHelpStatus next) {
        if (this == RESOLVED || this == CANCELLED) {
            return false;
        }
        return next.ordinal() > ordinal();
    }

    public boolean isOpen() {
        return this != RESOLVED && this != CANCELLED;
    }

    /** The name API.md's headless {@code status} line uses. */
    public String wireName() {
        return this == SAVED ? "NEW" : name();
    }
}
