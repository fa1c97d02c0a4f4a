package org.courtyard.kiosk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.courtyard.kiosk.TestHelp;
import org.courtyard.kiosk.TestRoster;
import org.courtyard.kiosk.cadre.CadreStore;
import org.courtyard.kiosk.checkin.CheckInStore;
import org.courtyard.kiosk.core.LocalHelpStatus;
import org.courtyard.kiosk.help.HelpStore;
import org.courtyard.kiosk.help.LocalHelpRequest;
import org.courtyard.kiosk.voice.internal.MemoQueue;
import org.courtyard.protocol.CheckedIn;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.EventType;
import org.courtyard.protocol.HelpCategory;
import org.courtyard.protocol.HelpRequested;
import org.courtyard.protocol.HelpSource;
import org.courtyard.protocol.ResidentCard;
import org.courtyard.protocol.ResidentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kiosk's database: the outbox and settings of the store itself, the tables the features keep
 * in it (help requests, the roster, check-in counts), the migration runner with its per-feature
 * steps, and a database made by the kiosk before issue 12 opening with nothing lost.
 */
class KioskStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-29T08:00:00Z");

    @TempDir
    Path data;

    @Test
    void help_request_survives_reopening_the_database_with_its_original_time() {
        Event help = Event.of(new HelpRequested(HelpSource.BUTTON, null, null, null), T0, false);
        try (KioskStore store = KioskStore.open(data)) {
            new HelpStore(store).saveRequest(help);
        }
        try (KioskStore reopened = KioskStore.open(data)) {
            assertThat(reopened.pending(10)).containsExactly(help);
            assertThat(new HelpStore(reopened).latest()).get()
                    .satisfies(request -> {
                        assertThat(request.id()).isEqualTo(help.id());
                        assertThat(request.status()).isEqualTo(LocalHelpStatus.SAVED);
                        assertThat(request.occurredAt()).isEqualTo(T0);
                    });
        }
    }

    @Test
    void help_requests_leave_the_outbox_before_older_routine_events() {
        try (KioskStore store = KioskStore.open(data)) {
            Event checkIn = Event.of(new CheckedIn("r-1"), T0, true);
            Event help = Event.of(new HelpRequested(HelpSource.SCREEN, null, null, null), T0.plusSeconds(5), true);
            store.append(checkIn);
            new HelpStore(store).saveRequest(help);

            assertThat(store.pending(10)).extracting(Event::type)
                    .containsExactly(EventType.HELP_REQUESTED, EventType.CHECKED_IN);
        }
    }

    @Test
    void accepted_events_leave_the_outbox_and_help_becomes_delivered_in_the_same_transaction() {
        try (KioskStore store = KioskStore.open(data)) {
            HelpStore help = new HelpStore(store);
            UUID request = TestHelp.saved(store, HelpSource.BUTTON, null);
            Event checkIn = Event.of(new CheckedIn("r-1"), T0, true);
            store.append(checkIn);

            Map<EventType, List<UUID>> removed = store.markAccepted(List.of(request, checkIn.id()),
                    (connection, byType) -> byType);

            assertThat(removed).containsExactlyInAnyOrderEntriesOf(Map.of(EventType.HELP_REQUESTED, List.of(request),
                    EventType.CHECKED_IN, List.of(checkIn.id())));
            assertThat(store.outboxSize()).isZero();
            assertThat(help.request(request)).get().extracting(LocalHelpRequest::status)
                    .isEqualTo(LocalHelpStatus.SAVED);
        }
        try (KioskStore store = KioskStore.open(data)) {
            UUID request = TestHelp.saved(store, HelpSource.BUTTON, null);
            assertThat(TestHelp.deliver(store, request)).containsExactly(request);
            assertThat(new HelpStore(store).request(request)).get().extracting(LocalHelpRequest::status)
                    .isEqualTo(LocalHelpStatus.DELIVERED);
            assertThat(TestHelp.deliver(store, request)).as("a repeated answer changes nothing").isEmpty();
        }
    }

    @Test
    void a_failure_of_what_features_record_keeps_the_accepted_events_in_the_outbox() {
        try (KioskStore store = KioskStore.open(data)) {
            UUID request = TestHelp.saved(store, HelpSource.BUTTON, null);

            assertThatThrownBy(() -> store.markAccepted(List.of(request), (connection, removed) -> {
                throw new java.sql.SQLException("disk full");
            })).isInstanceOf(IllegalStateException.class).hasMessageContaining("disk full");

            assertThat(store.pending(10)).extracting(Event::id).containsExactly(request);
        }
    }

    @Test
    void help_status_never_moves_backwards() {
        try (KioskStore store = KioskStore.open(data)) {
            HelpStore help = new HelpStore(store);
            UUID request = TestHelp.saved(store, HelpSource.BUTTON, null);
            TestHelp.deliver(store, request);

            assertThat(help.applyStatus(request, LocalHelpStatus.ASSIGNED, "王书记", "李医生", null, T0)).isTrue();
            assertThat(help.applyStatus(request, LocalHelpStatus.ACKNOWLEDGED, "王书记", null, null, T0)).isFalse();
            assertThat(help.applyStatus(request, LocalHelpStatus.ASSIGNED, "王书记", "李医生", null, T0)).isFalse();

            LocalHelpRequest stored = help.request(request).orElseThrow();
            assertThat(stored.status()).isEqualTo(LocalHelpStatus.ASSIGNED);
            assertThat(stored.assignee()).isEqualTo("李医生");
        }
    }

    @Test
    void resolved_is_final() {
        try (KioskStore store = KioskStore.open(data)) {
            HelpStore help = new HelpStore(store);
            UUID request = TestHelp.saved(store, HelpSource.BUTTON, null);
            help.applyStatus(request, LocalHelpStatus.RESOLVED, "王书记", null, "已送医", T0);

            assertThat(help.applyStatus(request, LocalHelpStatus.CANCELLED, null, null, null, T0)).isFalse();
        }
    }

    @Test
    void settings_are_kept_and_replaced() {
        try (KioskStore store = KioskStore.open(data)) {
            store.putSetting("sync.cursor", "41");
            store.putSetting("sync.cursor", "42");
        }
        try (KioskStore store = KioskStore.open(data)) {
            assertThat(store.setting("sync.cursor")).contains("42");
            assertThat(store.setting("missing")).isEmpty();
        }
    }

    @Test
    void a_closed_store_says_so_and_closing_twice_is_safe() {
        KioskStore store = KioskStore.open(data);
        store.close();
        store.close();
        assertThatThrownBy(store::outboxSize).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void residents_and_cadres_are_replaced_by_their_own_features() {
        try (KioskStore store = KioskStore.open(data)) {
            new CheckInStore(store).replaceResidents(TestRoster.residents());
            new CadreStore(store).replaceCadres(TestRoster.cadres());

            new CadreStore(store).replaceCadres(List.of());

            assertThat(new CheckInStore(store).residents()).isEqualTo(TestRoster.residents());
            assertThat(new CadreStore(store).cadres()).isEmpty();
        }
    }

    @Test
    void a_check_in_goes_to_the_outbox_and_counts_for_its_resident() {
        try (KioskStore store = KioskStore.open(data)) {
            CheckInStore checkIns = new CheckInStore(store);
            checkIns.saveCheckIn(Event.of(new CheckedIn("r-1"), T0, true));
            checkIns.saveCheckIn(Event.of(new CheckedIn("r-1"), T0.plusSeconds(60), true));
            checkIns.saveCheckIn(Event.of(new CheckedIn("r-2"), T0.plusSeconds(90), true));

            assertThat(store.pending(10)).hasSize(3);
            assertThat(checkIns.counts()).containsEntry("r-1", 2).containsEntry("r-2", 1);
            assertThatThrownBy(() -> checkIns.saveCheckIn(Event.of(new HelpRequested(HelpSource.BUTTON, null, null,
                    null), T0, true))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void each_feature_runs_its_own_steps_once_and_a_new_step_runs_on_the_next_start() {
        try (KioskStore store = KioskStore.open(data)) {
            store.migrate("family", List.of("CREATE TABLE family_message (id VARCHAR(36) PRIMARY KEY)"));
            store.migrate("duty", List.of("CREATE TABLE duty_phone (village VARCHAR(100) PRIMARY KEY)"));
            store.migrate("family", List.of("CREATE TABLE family_message (id VARCHAR(36) PRIMARY KEY)"));
        }
        try (KioskStore store = KioskStore.open(data)) {
            store.migrate("family", List.of("CREATE TABLE family_message (id VARCHAR(36) PRIMARY KEY)",
                    "ALTER TABLE family_message ADD COLUMN heard_at BIGINT"));

            assertThat(steps(store, "family")).containsExactly(1, 2);
            assertThat(steps(store, "duty")).containsExactly(1);
            store.transaction(connection -> {
                try (var insert = connection.createStatement()) {
                    return insert.executeUpdate("INSERT INTO family_message (id, heard_at) VALUES ('m-1', 5)");
                }
            });
        }
    }

    @Test
    void a_failing_step_leaves_nothing_of_that_migration_and_a_newer_database_is_refused() {
        try (KioskStore store = KioskStore.open(data)) {
            assertThatThrownBy(() -> store.migrate("family", List.of(
                    "CREATE TABLE family_message (id VARCHAR(36) PRIMARY KEY)", "CREATE TABLE broken (")))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(steps(store, "family")).isEmpty();
            store.migrate("family", List.of("CREATE TABLE family_message (id VARCHAR(36) PRIMARY KEY)"));

            assertThatThrownBy(() -> store.migrate("family", List.of()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("made by a newer kiosk");
        }
    }

    /**
     * {@code kiosk-before-issue-12.db} was made with the kiosk of main at bdf0551 (its KioskStore,
     * one global {@code schema_version}, 11 steps): a help request in the outbox, an older one
     * assigned, a check-in, the roster, an announcement with a done play, a voice memo waiting, a
     * recognition and the sync cursor. Opened now, it keeps all of it, the features' tables take
     * their own step numbers, and nothing is created twice.
     */
    @Test
    void a_database_made_before_features_kept_their_own_tables_opens_with_nothing_lost() throws Exception {
        try (InputStream old = KioskStoreTest.class.getResourceAsStream("kiosk-before-issue-12.db")) {
            Files.copy(old, data.resolve("kiosk.db"));
        }
        UUID open = UUID.fromString("ee23b09c-62cb-494a-8806-063f10bd3117");
        UUID assigned = UUID.fromString("93fc4890-0e0a-4a83-8807-a45a6192c6c7");
        try (KioskStore store = KioskStore.open(data)) {
            HelpStore help = new HelpStore(store);
            CheckInStore checkIns = new CheckInStore(store);
            CadreStore cadres = new CadreStore(store);
            MemoQueue memos = new MemoQueue(store, data.resolve("memos"), Clock.systemUTC(), help::delivered);

            assertThat(store.pending(10)).extracting(Event::id).containsExactly(open,
                    UUID.fromString("6fc47d28-1b99-4409-912d-7edcfd2c46ab"));
            assertThat(store.setting("sync.cursor")).contains("41.7");
            assertThat(help.latest()).get().extracting(LocalHelpRequest::id).isEqualTo(open);
            LocalHelpRequest older = help.request(assigned).orElseThrow();
            assertThat(older.status()).isEqualTo(LocalHelpStatus.ASSIGNED);
            assertThat(older.assignee()).isEqualTo("李医生");
            assertThat(older.category()).isEqualTo(HelpCategory.MEDICAL);
            assertThat(checkIns.residents()).extracting(ResidentCard::name).containsExactly("张桂英", "李小军");
            assertThat(checkIns.residents().get(1).type()).isEqualTo(ResidentType.CHILD);
            assertThat(checkIns.counts()).containsExactly(Map.entry("r-zhangguiy", 1));
            assertThat(cadres.cadres()).singleElement().satisfies(cadre -> assertThat(cadre.name()).isEqualTo("王书记"));
            assertThat(memos.waiting()).isOne();
            assertThat(memos.memo(open).orElseThrow().transcript()).isEqualTo("我摔倒了");
            List<Integer> others = store.read(connection -> {
                try (var select = connection.createStatement(); var rows = select.executeQuery(
                        "SELECT (SELECT COUNT(*) FROM announcement), (SELECT COUNT(*) FROM announcement_play),"
                                + " (SELECT COUNT(*) FROM voice_recognition),"
                                + " (SELECT COUNT(*) FROM sqlite_master WHERE name = 'schema_version')")) {
                    rows.next();
                    return List.of(rows.getInt(1), rows.getInt(2), rows.getInt(3), rows.getInt(4));
                }
            });
            assertThat(others).as("announcements, plays, recognitions, schema_version").containsExactly(1, 1, 1, 0);
            assertThat(steps(store, "outbox")).containsExactly(1, 2, 3);
            assertThat(steps(store, "help")).containsExactly(1, 2);
            assertThat(steps(store, "checkin")).containsExactly(1, 2, 3, 4);
            assertThat(checkIns.residents()).allSatisfy(card -> assertThat(card.group()).isNull());

            // And it works on: the open request is delivered, a new check-in is counted.
            assertThat(TestHelp.deliver(store, open)).containsExactly(open);
            checkIns.saveCheckIn(Event.of(new CheckedIn("r-zhangguiy"), T0, true));
            assertThat(checkIns.counts()).containsEntry("r-zhangguiy", 2);
        }
    }

    private static List<Integer> steps(KioskStore store, String feature) {
        return store.read(connection -> {
            try (var select = connection.prepareStatement(
                    "SELECT version FROM schema_migration WHERE feature = ? ORDER BY version")) {
                select.setString(1, feature);
                try (var rows = select.executeQuery()) {
                    List<Integer> out = new java.util.ArrayList<>();
                    while (rows.next()) {
                        out.add(rows.getInt(1));
                    }
                    return out;
                }
            }
        });
    }
}
