package org.courtyard.hub.residents;

import java.util.LinkedHashMap;
import java.util.Map;
import org.courtyard.hub.auth.KioskIdentity;
import org.courtyard.hub.sync.PartAnswer;
import org.courtyard.hub.sync.SyncPart;

/**
 * The village's roster in a sync answer ({@code residents}, {@code cadres}, {@code village} with
 * its duty phone): sent whole when the village's roster version differs from the kiosk's slice
 * ({@code "roster"}, -1 before the first), else all three are null ("unchanged"). A change of the
 * duty phone is a roster change ({@link Villages#put}). A roster change wakes the village's held
 * long-polls (the feature wires that to {@link Residents#addRosterListener}). Courtyard kiosks only
 * (a home unit gets its resident and the village's card from the home feature's part).
 */
public final class RosterPart implements SyncPart {

    private final Residents residents;

    public RosterPart(Residents residents) {
        this.residents = residents;
    }

    @Override
    public String name() {
        return "roster";
    }

    /** Home units get their own resident only (the home feature's part), never the village's roster. */
    @Override
    public boolean serves(KioskIdentity kiosk) {
        return !kiosk.home();
    }

    /** A kiosk without a roster; any version is news to it. */
    @Override
    public long start() {
        return -1;
    }

    @Override
    public boolean hasNews(KioskIdentity kiosk, long slice) {
        return residents.rosterVersion(kiosk.village()) != slice;
    }

    /**
     * A version beyond the hub's (restored from a backup) is simply unequal, so the roster is sent
     * again; read with its own version, in one transaction, so a change between two reads is sent
     * again next time rather than missed.
     */
    @Override
    public PartAnswer answer(KioskIdentity kiosk, long slice) {
        long version = residents.rosterVersion(kiosk.village());
        if (version == slice) {
            return unchanged(kiosk, version);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        Residents.KioskRoster roster = residents.roster(kiosk.village());
        fields.put("residents", roster.residents());
        fields.put("cadres", roster.cadres());
        fields.put("village", roster.village());
        return new PartAnswer(roster.version(), true, fields);
    }

    /** All three fields null: the kiosk keeps the roster it has. */
    @Override
    public PartAnswer unchanged(KioskIdentity kiosk, long slice) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("residents", null);
        fields.put("cadres", null);
        fields.put("village", null);
        return new PartAnswer(slice, false, fields);
    }
}
