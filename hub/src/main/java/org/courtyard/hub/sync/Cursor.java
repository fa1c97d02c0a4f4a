package org.courtyard.hub.sync;

/**
 * A kiosk's sync cursor: the newest help-history change it has ({@code help}) and the roster
 * version of its village it has ({@code roster}, -1 when unknown). On the wire it is opaque to
 * kiosks: {@code "57.12"}, or {@code "57"} as hubs before the roster wrote it (roster unknown, so
 * the next answer carries the roster).
 */
public record Cursor(long help, long roster) {

    /** A kiosk's first contact: everything is news. */
    public static final Cursor START = new Cursor(0, -1);

    /**
     * Reads a cursor this hub gave out; null or empty is {@link #START}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Cursor parse(String text) {
        if (text == null || text.isEmpty()) {
            return START;
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("not a cursor: " + text);
        }
        long help = Long.parseLong(parts[0]);
        long roster = parts.length == 2 ? Long.parseLong(parts[1]) : -1;
        if (help < 0 || roster < -1 || parts.length == 2 && roster < 0) {
            throw new IllegalArgumentException("not a cursor: " + text);
        }
        return new Cursor(help, roster);
    }

    @Override
    public String toString() {
        return roster < 0 ? Long.toString(help) : help + "." + roster;
    }
}
