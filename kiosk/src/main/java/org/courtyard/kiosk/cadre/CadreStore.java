package org.courtyard.kiosk.cadre;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.protocol.CadreCard;

/**
 * The cadres who may use cadre mode at this kiosk, with their PIN hashes, as the hub last sent them
 * ({@code roster_cadre} in {@code kiosk.db}, migration key {@value #KEY}). The wrong-PIN count and
 * the lock are settings of the kiosk's store.
 */
public final class CadreStore {

    static final String KEY = "cadre";

    private static final List<String> MIGRATIONS = List.of("""
            CREATE TABLE roster_cadre (
              id VARCHAR(16) PRIMARY KEY,
              name VARCHAR(50) NOT NULL,
              village VARCHAR(100) NOT NULL,
              pin_hash VARCHAR(200) NOT NULL,
              position INTEGER NOT NULL
            )""");

    private final KioskStore store;

    public CadreStore(KioskStore store) {
        this.store = store;
        store.migrate(KEY, MIGRATIONS);
    }

    /** Replaces the stored cadres with the hub's complete list, in one transaction. */
    public void replaceCadres(List<CadreCard> cadres) {
        store.transaction(connection -> {
            try (Statement delete = connection.createStatement()) {
                delete.executeUpdate("DELETE FROM roster_cadre");
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO roster_cadre (id, name, village, pin_hash, position) VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < cadres.size(); i++) {
                    CadreCard card = cadres.get(i);
                    insert.setString(1, card.id());
                    insert.setString(2, card.name());
                    insert.setString(3, card.village());
                    insert.setString(4, card.pinHash());
                    insert.setInt(5, i);
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    /** The cadres who may use cadre mode here, in the hub's order. */
    public List<CadreCard> cadres() {
        return store.read(connection -> {
            List<CadreCard> out = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, name, village, pin_hash FROM roster_cadre ORDER BY position");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    out.add(new CadreCard(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4)));
                }
            }
            return out;
        });
    }
}
