package org.courtyard.hub.help;

import java.sql.SQLException;
import java.util.List;
import org.courtyard.hub.sync.IncomingEvent;
import org.courtyard.protocol.HelpCancelled;
import org.courtyard.protocol.HelpDetails;
import org.courtyard.protocol.HelpRepeated;
import org.courtyard.protocol.HelpRequested;

/**
 * The help feature's sync handlers: a HELP_REQUESTED creates the request, a HELP_CANCELLED
 * cancels it, a HELP_DETAILS adds the category the person chose or who they are, a HELP_REPEATED
 * counts a press again (or, within {@link HelpRequests#REPEAT_WINDOW} of the last, nothing). Each runs in the batch's write
 * transaction and publishes its change once the batch committed; a cancel or details of an unknown,
 * another kiosk's or (for a cancel) closed request is rejected with {@code unknown_request},
 * {@code not_this_kiosk} or {@code not_open}.
 */
public final class HelpEvents {

    private final HelpRequests help;

    public HelpEvents(HelpRequests help) {
        this.help = help;
    }

    public void requested(IncomingEvent<HelpRequested> event) throws SQLException {
        publishAfterCommit(event, help.createFromEvent(event.connection(), event.event(), event.payload(),
                event.kiosk(), event.receivedAt()));
    }

    public void cancelled(IncomingEvent<HelpCancelled> event) throws SQLException {
        publishAfterCommit(event, help.cancelFromEvent(event.connection(), event.payload(), event.kiosk(),
                event.receivedAt()));
    }

    public void details(IncomingEvent<HelpDetails> event) throws SQLException {
        publishAfterCommit(event, help.detailsFromEvent(event.connection(), event.payload(), event.kiosk(),
                event.receivedAt()));
    }

    public void repeated(IncomingEvent<HelpRepeated> event) throws SQLException {
        help.repeatFromEvent(event.connection(), event.event(), event.payload(), event.kiosk(), event.receivedAt())
                .ifPresent(change -> publishAfterCommit(event, change));
    }

    private void publishAfterCommit(IncomingEvent<?> event, HelpChange change) {
        event.afterCommit(() -> help.publish(List.of(change)));
    }
}
