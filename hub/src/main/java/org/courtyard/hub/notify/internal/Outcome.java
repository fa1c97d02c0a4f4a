package org.courtyard.hub.notify.internal;

/**
 * What one attempt to send came to.
 *
 * @param detail what the receiver said, for the staff page and the log (never the key); null when delivered
 * @param problem why a {@link Kind#BROKEN} receiver refuses everything; null otherwise
 */
public record Outcome(Kind kind, String detail, Problem problem) {

    public enum Kind {
        /** The message reached the group (a robot's errcode 0; any 2xx for a JSON receiver). */
        DELIVERED,
        /** Too many messages: the robot takes nothing for a while; the message waits, uncharged. */
        THROTTLED,
        /** The robot refuses the configuration (key, signature): nothing goes until it is fixed. */
        BROKEN,
        /** The receiver could not be reached or did not answer as itself: try it again later. */
        DOWN,
        /** The receiver refused this message: retried after a back-off, given up after the max attempts. */
        REJECTED
    }

    public static Outcome delivered() {
        return new Outcome(Kind.DELIVERED, null, null);
    }

    public static Outcome throttled(String detail) {
        return new Outcome(Kind.THROTTLED, detail, null);
    }

    public static Outcome broken(Problem problem, String detail) {
        return new Outcome(Kind.BROKEN, detail, problem);
    }

    public static Outcome down(String detail) {
        return new Outcome(Kind.DOWN, detail, null);
    }

    public static Outcome rejected(String detail) {
        return new Outcome(Kind.REJECTED, detail, null);
    }
}
