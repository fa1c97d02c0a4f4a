package org.courtyard.kiosk;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.courtyard.kiosk.help.HelpStore;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.HelpRequested;
import org.courtyard.protocol.HelpSource;

/** Help requests in a kiosk database, as the help feature and sync leave them. */
public final class TestHelp {

    private TestHelp() {
    }

    /** A new request, SAVED, with its event in the outbox; returns its id. */
    public static UUID saved(KioskStore store, HelpSource source, String transcript) {
        Event event = Event.of(new HelpRequested(source, null, null, transcript), Instant.now(), true);
        new HelpStore(store).saveRequest(event);
        return event.id();
    }

    /** The hub accepted the request: out of the outbox, DELIVERED, as sync's answer does it. */
    public static List<UUID> deliver(KioskStore store, UUID request) {
        return store.markAccepted(List.of(request), (connection, removed) -> HelpStore.delivered(connection,
                removed.getOrDefault(org.courtyard.protocol.EventType.HELP_REQUESTED, List.of()), Instant.now()));
    }
}
