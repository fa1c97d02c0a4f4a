package org.courtyard.hub.sync;

/**
 * A kiosk's sync cursor: the last help-history change it was sent ({@code help}), the last
 * announcement change it was sent ({@code announcements}), and the roster version of its village
 * it holds ({@code roster}, -1 when it has none yet). Kiosks treat it as opaque. Written as
 * {@code "HELP.ANN.ROSTER"}; a lone {@code "HELP"} (the form of hubs before announcements and the
 * roster) still reads, with nothing else known.
 */
public record SyncCursor(long help, long announcements, long roster) {

    /** A kiosk's first contact: everything is news. */
    public static final SyncCursor START = new SyncCursor(0, 0, -1);

    public SyncCursor {
        if (help < 0 || announcements < 0 || roster < -1) {
            throw new IllegalArgumentException("cursor parts must not be negative");
        }
    }

    /**
     * Reads a cursor this hub gave out; null or empty is the start.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static SyncCursor parse(String text) {
        if (text == null || text.isEmpty()) {
            return START;
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 1 && parts.length != 3) {
            throw new IllegalArgumentException("not a cursor: '" + text + "'");
        }
        try {
            long help = number(parts[0], text);
            if (parts.length == 1) {
                return new SyncCursor(help, 0, -1);
            }
            long roster = parts[2].equals("-1") ? -1 : number(parts[2], text);
            return new SyncCursor(help, number(parts[1], text), roster);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a cursor: '" + text + "'", e);
        }
    }

    private static long number(String part, String text) {
        if (part.isEmpty() || part.startsWith("+") || part.startsWith("-")) {
            throw new IllegalArgumentException("not a cursor: '" + text + "'");
        }
        return Long.parseLong(part);
    }

    @Override
    public String toString() {
        return help + "." + announcements + "." + roster;
    }
}
