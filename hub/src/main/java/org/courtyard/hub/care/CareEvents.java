package org.courtyard.hub.care;

import java.sql.SQLException;
import org.courtyard.hub.checkin.CheckIns;
import org.courtyard.hub.sync.IncomingEvent;
import org.courtyard.protocol.VisitCheckedIn;

/**
 * The care feature's sync handler for VISIT_CHECKED_IN: the resident must be registered in the
 * kiosk's village, as for a check-in (else the event is rejected {@code unknown_resident} or
 * {@code other_village}); the visit is stored, completes the tasks it satisfies, and the live
 * stream hears of it once the batch committed.
 */
public final class CareEvents {

    private final CheckIns checkIns;
    private final Visits visits;

    public CareEvents(CheckIns checkIns, Visits visits) {
        this.checkIns = checkIns;
        this.visits = visits;
    }

    public void visited(IncomingEvent<VisitCheckedIn> event) throws SQLException {
        checkIns.check(event.connection(), event.kiosk(), event.event());
        VisitView visit = visits.fromKiosk(event.connection(), event.kiosk(), event.event(), event.receivedAt());
        event.afterCommit(() -> visits.publish(visit));
    }
}
