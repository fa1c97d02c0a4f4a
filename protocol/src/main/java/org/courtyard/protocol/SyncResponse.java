package org.courtyard.protocol;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The hub's answer to a sync: which events it stored (or had already), which it refused and why,
 * a new cursor, what the kiosk should know since its old cursor, and the hub's clock.
 */
public record SyncResponse(List<UUID> accepted, List<Rejection> rejected, String cursor,
        List<Announcement> announcements, List<HelpUpdate> helpUpdates, Instant serverTime) {

    public SyncResponse {
        accepted = Require.list(accepted, "accepted");
        rejected = Require.list(rejected, "rejected");
        Require.text(cursor, "cursor");
        announcements = Require.list(announcements, "announcements");
        helpUpdates = Require.list(helpUpdates, "helpUpdates");
        Require.present(serverTime, "serverTime");
    }
}
