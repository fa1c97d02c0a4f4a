package org.courtyard.protocol;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a help request stands on the hub. The allowed steps are exactly:
 * <pre>
 * NEW          -&gt; ACKNOWLEDGED | CANCELLED
 * ACKNOWLEDGED -&gt; ASSIGNED | RESOLVED | CANCELLED
 * ASSIGNED     -&gt; RESOLVED | CANCELLED
 * RESOLVED, CANCELLED: final
 * </pre>
 * So a request is always acknowledged before anything else happens to it (except a cancel), may be
 * resolved by whoever acknowledged it without assigning anyone, and can be cancelled from any open
 * state. Every other step, including staying in the same status, is illegal (the hub answers 409).
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
