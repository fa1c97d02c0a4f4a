package org.courtyard.hub.checkin;

import java.sql.SQLException;
import java.util.List;
import org.courtyard.hub.sync.IncomingEvent;
import org.courtyard.protocol.CheckedIn;
import org.courtyard.protocol.EventPayload;
import org.courtyard.protocol.VisitCheckedIn;

/**
 * The check-in feature's sync handler for CHECKED_IN and VISIT_CHECKED_IN: the resident must be
 * registered in the kiosk's village (else the event is rejected {@code unknown_resident} or
 * {@code other_village}); the check-in or visit is stored, a check-in clears the resident's alert,
 * and the live stream hears of both once the batch committed.
 */
public final class CheckInEvents {

    private final CheckIns checkIns;

    public CheckInEvents(CheckIns checkIns) {
        this.checkIns = checkIns;
    }

    public void checkedIn(IncomingEvent<CheckedIn> event) throws SQLException {
        store(event);
    }

    public void visited(IncomingEvent<VisitCheckedIn> event) throws SQLException {
        store(event);
    }

    private void store(IncomingEvent<? extends EventPayload> event) throws SQLException {
        checkIns.check(event.connection(), event.kiosk(), event.event());
        List<CheckIns.Change> changes = checkIns.record(event.connection(), event.kiosk(), event.event(),
                event.receivedAt());
        event.afterCommit(() -> checkIns.publish(changes));
    }
}
