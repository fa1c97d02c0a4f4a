package org.courtyard.protocol;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a help request stands on the hub: NEW, then ACKNOWLEDGED, ASSIGNED and RESOLVED in that
 * order; CANCELLED from any open state. Every other step is illegal (the hub answers 409).
 */
public enum HelpStatus {
    NEW,
    ACKNOWLEDGED,
    ASSIGNED,
    RESOLVED,
    CANCELLED;

    /** The statuses this one may move to. */
    public Set<HelpStatus> next() {
        return switch (this) {
            case NEW -> EnumSet.of(ACKNOWLEDGED, CANCELLED);
            case ACKNOWLEDGED -> EnumSet.of(ASSIGNED, RESOLVED, CANCELLED);
            case ASSIGNED -> EnumSet.of(RESOLVED, CANCELLED);
            case RESOLVED, CANCELLED -> EnumSet.noneOf(HelpStatus.class);
        };
    }

    public boolean canMoveTo(HelpStatus target) {
        return next().contains(target);
    }

    /** True while someone still has to act on the request. */
    public boolean isOpen() {
        return this != RESOLVED && this != CANCELLED;
    }
}
