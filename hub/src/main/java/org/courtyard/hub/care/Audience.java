package org.courtyard.hub.care;

import org.courtyard.protocol.ResidentType;

/** Whom a rule's tasks are for. */
public enum Audience {
    ALL, ELDER, CHILD, NONE;

    /** True if a resident of {@code type} gets the task. */
    public boolean includes(ResidentType type) {
        return switch (this) {
            case ALL -> true;
            case ELDER -> type == ResidentType.ELDER;
            case CHILD -> type == ResidentType.CHILD;
            case NONE -> false;
        };
    }
}
