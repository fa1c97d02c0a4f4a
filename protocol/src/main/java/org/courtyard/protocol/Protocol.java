package org.courtyard.protocol;

/** Constants of the wire protocol. */
public final class Protocol {

    /** The protocol version a sync request carries in its {@code protocol} field. */
    public static final int VERSION = 1;

    /** Largest JSON document either side accepts, in bytes (a sync batch with its events). */
    public static final int MAX_DOCUMENT_BYTES = 1024 * 1024;

    /** Most events one sync request may carry; a kiosk with more sends several batches. */
    public static final int MAX_EVENTS_PER_SYNC = 500;

    /**
     * Deepest nesting of JSON arrays and objects either side accepts. A valid v1 document is at
     * most five levels deep; the margin leaves room for unknown fields a newer peer may send.
     */
    public static final int MAX_NESTING_DEPTH = 64;

    /**
     * Longest text in any string field (a transcript, a note, an announcement's text), counted in
     * Java {@code char}s: one per Chinese character of the basic plane, two for a rare one beyond it.
     */
    public static final int MAX_TEXT_CHARS = 4000;

    private Protocol() {
    }
}
