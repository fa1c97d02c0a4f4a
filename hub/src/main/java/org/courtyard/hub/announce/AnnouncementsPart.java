package org.courtyard.hub.announce;

import java.util.List;
import org.courtyard.hub.auth.KioskIdentity;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;
import org.courtyard.hub.sync.PartAnswer;
import org.courtyard.hub.sync.SyncPart;

/**
 * The {@code announcements} of a sync answer: those for the kiosk that changed since its slice, a
 * sequence number of {@code announcement_changes} (slice {@code "announcements"}); sending them
 * marks them delivered on their boards. A change wakes the held long-polls of the kiosks it
 * concerns (the feature wires that to {@link Announcements#addListener}).
 */
public final class AnnouncementsPart implements SyncPart {

    /** Most announcements in one answer; a kiosk with more gets the rest on its next sync. */
    public static final int MAX_ANNOUNCEMENTS_PER_ANSWER = 100;

    private final Announcements announcements;
    private final Database database;

    public AnnouncementsPart(Announcements announcements, Database database) {
        this.announcements = announcements;
        this.database = database;
    }

    @Override
    public String name() {
        return "announcements";
    }

    @Override
    public boolean isAhead(long slice) {
        return slice > database.read(connection -> Sql.one(connection,
                "SELECT MAX(seq) AS newest FROM announcement_changes", row -> row.getLong("newest")).orElse(0L));
    }

    @Override
    public boolean hasNews(KioskIdentity kiosk, long slice) {
        return announcements.hasNewsFor(kiosk, slice);
    }

    @Override
    public PartAnswer answer(KioskIdentity kiosk, long slice) {
        KioskAnnouncements news = announcements.forKiosk(kiosk, slice, MAX_ANNOUNCEMENTS_PER_ANSWER);
        return PartAnswer.of(news.cursor(), "announcements", news.announcements());
    }

    @Override
    public PartAnswer unchanged(KioskIdentity kiosk, long slice) {
        return PartAnswer.of(slice, "announcements", List.of());
    }
}
