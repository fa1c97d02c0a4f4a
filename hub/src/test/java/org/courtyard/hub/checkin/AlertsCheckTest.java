package org.courtyard.hub.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.courtyard.hub.auth.AuthSchema;
import org.courtyard.hub.kiosk.KioskSchema;
import org.courtyard.hub.notify.NotifySchema;
import org.courtyard.hub.notify.Webhooks;
import org.courtyard.hub.residents.Residents;
import org.courtyard.hub.residents.ResidentsSchema;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;
import org.courtyard.hub.sync.SyncSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The periodic missed-check-in check on a large ledger: it acts in small transactions, and a write
 * that waits for the single writer meanwhile (a kiosk's sync) is written between them, not after
 * the whole ledger.
 */
class AlertsCheckTest {

    private static final Instant NOW = Instant.parse("2026-12-07T02:00:00Z");
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    Database database;
    Alerts alerts;
    final List<Object> published = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        database = Database.open(dir.resolve("hub.db"));
        database.migrate("auth", AuthSchema.STEPS);
        database.migrate("kiosk", KioskSchema.STEPS);
        database.migrate("sync", SyncSchema.STEPS);
        database.migrate("residents", ResidentsSchema.STEPS);
        database.migrate("notify", NotifySchema.STEPS);
        database.migrate("checkin", CheckInSchema.STEPS);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Webhooks webhooks = new Webhooks(database, clock, ZONE, List.of(), 3, Duration.ofSeconds(1), Optional.empty());
        alerts = new Alerts(database, clock, ZONE, 1, webhooks, (event, village, data) -> published.add(data),
                new Residents(database, clock, dir.resolve("photos")));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void a_write_waiting_during_the_check_is_written_between_its_chunks() throws Exception {
        int silent = 2 * Alerts.CHECK_CHUNK + Alerts.CHECK_CHUNK / 2;
        database.write(connection -> {
            for (int i = 0; i < silent; i++) {
                insertResident(connection, String.format("r%04d", i), 1);
            }
            return null;
        });
        AtomicInteger raisedSoFar = new AtomicInteger();
        CompletableFuture<Integer> sync = new CompletableFuture<>();
        List<Boolean> syncVisibleInSecondChunk = new CopyOnWriteArrayList<>();
        alerts.addHook(new Alerts.AlertHook() {
            @Override
            public void raised(Connection connection, AlertView alert, LocalDate day) throws SQLException {
                int number = raisedSoFar.incrementAndGet();
                if (number == 1) {
                    // A kiosk's sync arrives while the first chunk holds the writer.
                    Thread writer = new Thread(() -> sync.complete(database.write(c -> insertResident(c, "sync", null))));
                    writer.start();
                    await().atMost(PATIENCE).until(() -> writer.getState() == Thread.State.WAITING);
                } else if (number == Alerts.CHECK_CHUNK + 1) {
                    syncVisibleInSecondChunk.add(Sql.one(connection, "SELECT id FROM residents WHERE id = 'sync'",
                            row -> row.getString(1)).isPresent());
                }
            }

            @Override
            public void paused(Connection connection, String residentId, Alerts.PauseReason reason, LocalDate day) {
            }
        });

        int raised = alerts.check();

        assertThat(raised).isEqualTo(silent);
        assertThat(sync.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(syncVisibleInSecondChunk).as("the waiting write came before the second chunk").containsExactly(true);
        assertThat(published).hasSize(silent);
        Optional<Integer> open = database.read(c -> Sql.one(c,
                "SELECT COUNT(*) FROM check_in_alerts WHERE cleared_at IS NULL", row -> row.getInt(1)));
        assertThat(open).contains(silent);
    }

    private static int insertResident(Connection connection, String id, Integer everyDays) throws SQLException {
        Instant longAgo = NOW.minus(Duration.ofDays(30));
        return Sql.update(connection, "INSERT INTO residents (id, village, name, type, tags, check_in_every_days,"
                + " expect_since, active, created_at, updated_at) VALUES (?, '大村', ?, 'ELDER', '[]', ?, ?, 1, ?, ?)",
                id, "居民" + id, everyDays, longAgo, longAgo, longAgo);
    }
}
