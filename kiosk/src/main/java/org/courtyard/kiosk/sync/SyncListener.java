package org.courtyard.kiosk.sync;

import java.util.List;
import java.util.UUID;
import org.courtyard.protocol.Announcement;
import org.courtyard.protocol.HelpUpdate;

/** What the sync service tells the rest of the kiosk. Called on the sync threads; keep it short. */
public interface SyncListener {

    default void linkChanged(LinkState state, String detail) {
    }

    /** Help requests the hub has now accepted. */
    default void delivered(List<UUID> helpRequestIds) {
    }

    /** A help request's status changed on the hub (already stored locally). */
    default void helpUpdated(HelpUpdate update) {
    }

    /**
     * Announcements new or changed since the last sync, withdrawn ones included. Called before the
     * cursor that covers them is saved, and one answer at a time: store them durably before
     * returning; if this throws, the cursor stays and the hub sends them again.
     */
    default void announcementsReceived(List<Announcement> announcements) {
    }

    /** The hub sent the village's roster (residents, cadres or both); it is stored already. */
    default void rosterChanged() {
    }
}
