package org.courtyard.hub.help;

import java.util.List;
import org.courtyard.protocol.HelpUpdate;

/** Status changes of one kiosk's requests after a cursor, and the change sequence of the last one (or the old cursor). */
public record KioskUpdates(List<HelpUpdate> updates, long cursor) {

    public KioskUpdates {
        updates = List.copyOf(updates);
    }
}
