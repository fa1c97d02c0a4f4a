package org.courtyard.hub.sync;

import java.util.List;
import java.util.UUID;
import org.courtyard.protocol.Rejection;

/**
 * What became of one sync batch: stored (or already stored) ids, refused events, how many were
 * sent, and the cursor the kiosk sent (the start, if it was beyond what this hub has).
 */
public record Batch(List<UUID> accepted, List<Rejection> rejected, int eventsSent, SyncCursor cursor) {

    public Batch {
        accepted = List.copyOf(accepted);
        rejected = List.copyOf(rejected);
    }

    /** No events, only a cursor: what a held long-poll answers from. */
    public static Batch empty(SyncCursor cursor) {
        return new Batch(List.of(), List.of(), 0, cursor);
    }
}
