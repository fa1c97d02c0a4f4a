package org.courtyard.hub.kiosk;

import java.time.Instant;

/**
 * A kiosk went silent, or came back. {@code kiosk} is its state right after the change;
 * {@code silentSince} is when the silence began (its last contact before it), for both kinds.
 */
public record FleetChange(Kind kind, KioskView kiosk, Instant silentSince) {

    public enum Kind {
        /** No sync for the configured silent time: the hub raised the alert ({@code silentSince} set). */
        SILENT,
        /** A silent kiosk synced again ({@code silentSince} cleared). */
        BACK
    }
}
