package org.courtyard.hub.sync;

/**
 * A kiosk's sync cursor: the last help-history change and the last announcement change it was
 * sent. Kiosks treat it as opaque. Written as {@code "HELP"} while no announcement was ever sent
 * (the form hubs before announcements gave out, which therefore still reads) and {@code "HELP.ANN"}
 * afterwards.
 */
public record SyncCursor(long help, long announcements) {

    public static final SyncCursor START = new SyncCursor(0, 0);

    public SyncCursor {
        if (help < 0 || announcements < 0) {
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
        if (parts.length > 2) {
            throw new IllegalArgumentException("not a cursor: '" + text + "'");
        }
        try {
            long help = Long.parseLong(parts[0]);
            long announcements = parts.length == 2 ? Long.parseLong(parts[1]) : 0;
            if (help < 0 || announcements < 0 || parts[0].startsWith("+") || parts.length == 2 && parts[1].startsWith("+")) {
                throw new IllegalArgumentException("not a cursor: '" + text + "'");
            }
            return new SyncCursor(help, announcements);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a cursor: '" + text + "'", e);
        }
    }

    @Override
    public String toString() {
        return announcements == 0 ? Long.toString(help) : help + "." + announcements;
    }
}
