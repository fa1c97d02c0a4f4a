package org.courtyard.hub.sync;

import java.util.List;
import java.util.UUID;
import org.courtyard.protocol.Rejection;

/** What became of one sync batch: stored (or already stored) ids, refused events, how many were sent, the cursor sent. */
public record Batch(List<UUID> accepted, List<Rejection> rejected, int eventsSent, Cursor cursor) {

    public Batch {
        accepted = List.copyOf(accepted);
        rejected = List.copyOf(rejected);
    }
}
