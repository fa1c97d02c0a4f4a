package org.courtyard.protocol;

/** Constants of the wire protocol. */
public final class Protocol {

    /** The protocol version a sync request carries in its {@code protocol} field. */
    public static final int VERSION = 1;

    /** Largest JSON document either side accepts, in bytes (a sync batch with its events). */
    public static final int MAX_DOCUMENT_BYTES = 1024 * 1024;

    /** Most events one sync request may carry; a kiosk with more sends several batches. */
    public static final int MAX_EVENTS_PER_SYNC = 500;

    /** Longest free text (a transcript, a note, an announcement's text), in characters. */
    public static final int MAX_TEXT_CHARS = 4000;

    private Protocol() {
    }
}
