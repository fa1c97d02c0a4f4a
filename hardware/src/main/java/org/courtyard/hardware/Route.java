package org.courtyard.hardware;

/** Where a sound goes. */
public enum Route {
    /** The courtyard loudspeaker: relay on, warm-up, audio, tail, relay off. */
    OUTDOOR,
    /** The kiosk's own speaker only; the relay stays off. */
    INDOOR
}
