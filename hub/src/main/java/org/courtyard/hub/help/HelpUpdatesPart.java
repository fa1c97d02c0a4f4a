package org.courtyard.hub.help;

import java.util.List;
import org.courtyard.hub.auth.KioskIdentity;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;
import org.courtyard.hub.sync.PartAnswer;
import org.courtyard.hub.sync.SyncPart;

/**
 * The {@code helpUpdates} of a sync answer: status changes of the kiosk's own requests since its
 * slice, a sequence number of {@code help_history} (slice {@code "help"}). A staff transition wakes
 * the kiosk's held long-poll (the feature wires that to {@link HelpRequests#addListener}).
 */
public final class HelpUpdatesPart implements SyncPart {

    /** Most help updates in one answer; a kiosk with more gets the rest on its next sync. */
    public static final int MAX_UPDATES_PER_ANSWER = 200;

    private final HelpRequests help;
    private final Database database;

    public HelpUpdatesPart(HelpRequests help, Database database) {
        this.help = help;
        this.database = database;
    }

    @Override
    public String name() {
        return "help";
    }

    @Override
    public boolean isAhead(long slice) {
        return slice > database.read(connection -> Sql.one(connection,
                "SELECT MAX(seq) AS newest FROM help_history", row -> row.getLong("newest")).orElse(0L));
    }

    @Override
    public boolean hasNews(KioskIdentity kiosk, long slice) {
        return !help.updatesFor(kiosk.kioskId(), slice, 1).updates().isEmpty();
    }

    @Override
    public PartAnswer answer(KioskIdentity kiosk, long slice) {
        KioskUpdates updates = help.updatesFor(kiosk.kioskId(), slice, MAX_UPDATES_PER_ANSWER);
        return PartAnswer.of(updates.cursor(), "helpUpdates", updates.updates());
    }

    @Override
    public PartAnswer unchanged(KioskIdentity kiosk, long slice) {
        return PartAnswer.of(slice, "helpUpdates", List.of());
    }
}
