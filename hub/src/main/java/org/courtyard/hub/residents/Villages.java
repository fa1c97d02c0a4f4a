package org.courtyard.hub.residents;

import java.sql.Connection;
import java.sql.SQLException;
import java.text.Collator;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.courtyard.hub.audit.AuditTrail;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;

/**
 * Each village's own settings, kept in {@code villages}: today its duty phone (值班电话), the public
 * number of whoever is on duty, which help messages @-mention and which kiosks will show when they
 * cannot reach the hub.
 *
 * <p>A village exists when something names it: a kiosk, a resident, a cadre or a user of its own
 * (the ledger has no separate list of villages); its settings row is made the first time they are
 * saved. Everyone with a staff login may read the settings (a cadre of their own village only);
 * ADMIN and STAFF change them (the route's access), audited as {@code village.update}.
 */
public final class Villages {

    /**
     * Every village named anywhere, with its settings if it has any. The residents' villages are
     * found by a loose scan of the index residents_village: the first village, then the next one
     * after it, one index search per village (1,000 at 200,000 residents) instead of reading every
     * resident's entry (VillageQueryPlanTest).
     */
    public static final String KNOWN = "WITH RECURSIVE resident_villages(village) AS ("
            + "SELECT MIN(village) FROM residents UNION ALL SELECT (SELECT MIN(r.village) FROM residents r"
            + " WHERE r.village > resident_villages.village) FROM resident_villages"
            + " WHERE resident_villages.village IS NOT NULL)"
            + " SELECT name FROM villages UNION SELECT village FROM kiosks"
            + " UNION SELECT village FROM resident_villages WHERE village IS NOT NULL UNION SELECT village FROM cadres"
            + " UNION SELECT village FROM users WHERE village IS NOT NULL";

    private final Database database;
    private final Clock clock;
    private final Residents residents;

    /** @param residents whose roster a new duty phone changes: the kiosks show it */
    public Villages(Database database, Clock clock, Residents residents) {
        this.database = database;
        this.clock = clock;
        this.residents = residents;
    }

    /** The villages {@code user} may see (a cadre: their own), by name in pinyin order. */
    public List<VillageView> list(StaffUser user) {
        Optional<String> allowed = VillageScope.listVillage(user, Optional.empty());
        Collator pinyin = Collator.getInstance(Locale.CHINA);
        return database.read(connection -> Sql.query(connection, "SELECT k.name, v.duty_phone, v.updated_at,"
                + " v.updated_by FROM (" + KNOWN + ") k LEFT JOIN villages v ON v.name = k.name",
                row -> new VillageView(row.getString("name"), row.getString("duty_phone"),
                        Sql.instant(row, "updated_at"), row.getString("updated_by"))))
                .stream()
                .filter(village -> allowed.isEmpty() || allowed.get().equals(village.name()))
                .sorted(Comparator.comparing(VillageView::name, pinyin))
                .toList();
    }

    /**
     * Saves the settings of {@code name} (the route lets ADMIN and STAFF only). 404 for a village
     * nothing names (a typo would otherwise make a village of its own). Audited as
     * {@code village.update} with whether the duty phone was set or removed. A changed duty phone is
     * a roster change of the village: its kiosks get it on their next sync, held long-polls at once.
     */
    public VillageView put(StaffUser user, String name, VillageInput input, AuditTrail trail) {
        Instant now = clock.instant();
        Set<String> changed = new HashSet<>();
        database.write(connection -> {
            if (Sql.one(connection, "SELECT name FROM (" + KNOWN + ") k WHERE name = ?", row -> row.getString(1), name)
                    .isEmpty()) {
                throw Refusal.notFound("no village is called '" + name + "': no kiosk, resident, cadre or user names it");
            }
            if (!Objects.equals(dutyPhone(connection, name).orElse(null), input.dutyPhone())) {
                residents.recordRosterChange(connection, name, changed);
            }
            Object[] values = {input.dutyPhone(), now, user.shownName(), name};
            if (Sql.update(connection, "UPDATE villages SET duty_phone = ?, updated_at = ?, updated_by = ? WHERE name = ?",
                    values) == 0) {
                Sql.update(connection, "INSERT INTO villages (duty_phone, updated_at, updated_by, name)"
                        + " VALUES (?, ?, ?, ?)", values);
            }
            trail.record(connection, "village.update", name, "dutyPhone=" + (input.dutyPhone() == null ? "removed"
                    : "set"));
            return null;
        });
        residents.announce(changed);
        return new VillageView(name, input.dutyPhone(), now, user.shownName());
    }

    /** The duty phone of {@code village}, if it has one; inside the caller's transaction. */
    public static Optional<String> dutyPhone(Connection connection, String village) throws SQLException {
        return Sql.one(connection, "SELECT duty_phone FROM villages WHERE name = ?", row -> row.getString(1), village);
    }
}
