package org.courtyard.hub.kiosk;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.courtyard.hub.auth.KioskKind;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the kiosks' contact, kind by kind ({@link #watch}): {@link #checkSilent()} marks every
 * kiosk in service that has not synced for its kind's silent time as silent, once, by setting
 * {@code silentSince} to its last contact; the first sync of a silent kiosk clears it again
 * ({@link #seen}). Each change is queued by its kind's {@link FleetOutbox} (the webhooks) in the
 * transaction that makes it and then told to the listeners (the live stream).
 *
 * <p>A kiosk that never synced is not watched: a kiosk registered at the township but not yet
 * installed is not an alarm; neither is a retired one, nor one of a kind nobody watches. Kiosks
 * send a heartbeat every minute, so a kiosk that is powered and connected is never silent.
 */
public final class FleetWatch implements KioskListener {

    private static final Logger LOG = LoggerFactory.getLogger(FleetWatch.class);

    /** How one kind of kiosk is watched. */
    private record Watch(Duration silentAfter, FleetOutbox outbox) {
    }

    private final Database database;
    private final Clock clock;
    private final Kiosks kiosks;
    private final Map<KioskKind, Watch> watches = new ConcurrentHashMap<>();
    private final List<FleetListener> listeners = new CopyOnWriteArrayList<>();

    public FleetWatch(Database database, Clock clock, Kiosks kiosks) {
        this.database = database;
        this.clock = clock;
        this.kiosks = kiosks;
    }

    /**
     * Watches kiosks of {@code kind}: silent after {@code silentAfter} without a sync; each change
     * is recorded by {@code outbox} inside its transaction. Call while the hub is assembled.
     *
     * @param setting the configuration key of {@code silentAfter}, for the error message
     * @throws IllegalArgumentException if {@code silentAfter} is not positive
     * @throws IllegalStateException if the kind is watched already
     */
    public void watch(KioskKind kind, Duration silentAfter, String setting, FleetOutbox outbox) {
        if (silentAfter == null || silentAfter.isNegative() || silentAfter.isZero()) {
            throw new IllegalArgumentException(setting + " must be positive");
        }
        if (watches.putIfAbsent(kind, new Watch(silentAfter, outbox)) != null) {
            throw new IllegalStateException(kind + " kiosks are watched already");
        }
    }

    public void addListener(FleetListener listener) {
        listeners.add(listener);
    }

    /**
     * Marks kiosks silent that last synced more than their kind's silent time ago and are not
     * marked yet.
     *
     * @return how many became silent now
     */
    public int checkSilent() {
        Instant now = clock.instant();
        List<FleetChange> changes = database.write(connection -> {
            List<FleetChange> out = new ArrayList<>();
            for (KioskKind kind : KioskKind.values()) {
                Watch watch = watches.get(kind);
                if (watch == null) {
                    continue;
                }
                List<String> due = Sql.query(connection, "SELECT id FROM kiosks WHERE kind = ? AND silent_since IS NULL"
                        + " AND retired_at IS NULL AND last_seen_at IS NOT NULL AND last_seen_at < ?"
                        + " ORDER BY village, name, id", row -> row.getString("id"), kind.name(),
                        now.minus(watch.silentAfter()));
                for (String id : due) {
                    Sql.update(connection, "UPDATE kiosks SET silent_since = last_seen_at WHERE id = ?", id);
                    KioskView silent = view(connection, id, now);
                    out.add(record(connection, new FleetChange(FleetChange.Kind.SILENT, silent, silent.silentSince())));
                }
            }
            return out;
        });
        if (!changes.isEmpty()) {
            LOG.warn("{} kiosk(s) went silent: {}", changes.size(),
                    changes.stream().map(change -> change.kiosk().id()).toList());
        }
        publish(changes);
        return changes.size();
    }

    /**
     * A kiosk synced: if it was silent, it is back. Called after the sync committed, on the
     * request's thread; a failure here is logged and never fails the sync, and the next sync of
     * the kiosk (its heartbeat, within a minute) tries again.
     */
    @Override
    public void seen(KioskView kiosk) {
        if (kiosk.silentSince() == null) {
            return;
        }
        try {
            markBack(kiosk);
        } catch (RuntimeException e) {
            LOG.error("could not record that kiosk {} is back; trying again at its next sync", kiosk.id(), e);
        }
    }

    private void markBack(KioskView kiosk) {
        Instant now = clock.instant();
        Optional<FleetChange> back = database.write(connection -> {
            // Two syncs may race here; only the one that clears the mark reports the return.
            if (Sql.update(connection, "UPDATE kiosks SET silent_since = NULL WHERE id = ? AND silent_since IS NOT NULL",
                    kiosk.id()) == 0) {
                return Optional.<FleetChange>empty();
            }
            return Optional.of(record(connection, new FleetChange(FleetChange.Kind.BACK, view(connection, kiosk.id(), now),
                    kiosk.silentSince())));
        });
        back.ifPresent(change -> {
            LOG.info("kiosk {} is back after being silent since {}", kiosk.id(), kiosk.silentSince());
            publish(List.of(change));
        });
    }

    private FleetChange record(Connection connection, FleetChange change) throws SQLException {
        Watch watch = watches.get(change.kiosk().kind());
        if (watch != null) {
            watch.outbox().record(connection, change);
        }
        return change;
    }

    private KioskView view(Connection connection, String id, Instant now) throws SQLException {
        return kiosks.find(connection, id, now).orElseThrow(
                () -> new IllegalStateException("kiosk " + id + " vanished inside its own transaction"));
    }

    private void publish(List<FleetChange> changes) {
        for (FleetChange change : changes) {
            for (FleetListener listener : listeners) {
                try {
                    listener.changed(change);
                } catch (RuntimeException e) {
                    LOG.error("a fleet listener failed on {} of kiosk {}", change.kind(), change.kiosk().id(), e);
                }
            }
        }
    }
}
