package org.courtyard.hardware;

/** The status lamps. A lamp whose role has no configured pin accepts calls and does nothing. */
public interface Lamps {

    void set(LampRole role, LampState state);

    LampState state(LampRole role);
}
