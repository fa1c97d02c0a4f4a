package org.courtyard.hub.checkin;

import java.sql.SQLException;
import java.util.List;
import org.courtyard.hub.sync.IncomingEvent;
import org.courtyard.protocol.CheckInUndone;
import org.courtyard.protocol.CheckedIn;
import org.courtyard.protocol.EventPayload;

/**
 * The check-in feature's sync handlers for CHECKED_IN and CHECK_IN_UNDONE: the resident must be
 * registered in the kiosk's village (else the event is rejected {@code unknown_resident} or
 * {@code other_village}); the check-in is stored and clears the resident's alert, an undone
 * check-in is deleted and its alert opened again, and the live stream hears of each once the batch
 * committed. VISIT_CHECKED_IN is the care feature's ({@code org.courtyard.hub.care.CareEvents}).
 */
public final class CheckInEvents {

    private final CheckIns checkIns;

    public CheckInEvents(CheckIns checkIns) {
        this.checkIns = checkIns;
    }

    public void checkedIn(IncomingEvent<CheckedIn> event) throws SQLException {
        store(event);
    }

    /** CHECK_IN_UNDONE (「不是我」): the check-in it names is taken back; see {@link CheckIns#undo}. */
    public void undone(IncomingEvent<CheckInUndone> event) throws SQLException {
        List<CheckIns.Change> changes = checkIns.undo(event.connection(), event.kiosk(), event.payload());
        event.afterCommit(() -> checkIns.publish(changes));
    }

    private void store(IncomingEvent<? extends EventPayload> event) throws SQLException {
        CheckIns.Checked resident = checkIns.check(event.connection(), event.kiosk(), event.event());
        List<CheckIns.Change> changes = checkIns.record(event.connection(), event.kiosk(), event.event(),
                event.receivedAt(), resident);
        event.afterCommit(() -> checkIns.publish(changes));
    }
}
