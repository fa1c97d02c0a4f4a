package org.courtyard.hub.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.courtyard.hub.auth.KioskIdentity;
import org.courtyard.hub.auth.KioskKind;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.kiosk.KioskSchema;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Migration;
import org.courtyard.hub.store.Sql;
import org.courtyard.protocol.CheckedIn;
import org.courtyard.protocol.ProtocolJson;
import org.courtyard.protocol.Rejection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync core alone, on a real database, with handlers and parts registered here as a feature
 * would: it dispatches by event type, keeps nothing of a rejected event, runs the handlers' work
 * after the commit, and makes the answer and its cursor from the parts.
 */
class SyncServiceTest {

    static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    static final KioskIdentity KIOSK = new KioskIdentity("k-one", "活动室", "大村");
    static final KioskIdentity HOME = new KioskIdentity("k-home", "王家", "小村", KioskKind.HOME, "r-wang");

    @TempDir
    Path dir;

    Database database;
    SyncService sync;

    @BeforeEach
    void open() {
        database = Database.open(dir.resolve("hub.db"));
        database.migrate("kiosk", KioskSchema.STEPS);
        database.migrate("sync", SyncSchema.STEPS);
        database.migrate("test", List.of(new Migration(1, "check-ins of the test",
                List.of("CREATE TABLE seen (resident VARCHAR(16) NOT NULL)"))));
        for (KioskIdentity kiosk : List.of(KIOSK, HOME)) {
            database.write(c -> Sql.update(c, "INSERT INTO kiosks (id, name, village, token_hash, created_at)"
                    + " VALUES (?, ?, ?, ?, ?)", kiosk.kioskId(), kiosk.name(), kiosk.village(), kiosk.kioskId(), NOW));
        }
        sync = new SyncService(database, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void an_event_goes_to_the_handler_of_its_type_in_the_batchs_transaction() {
        List<String> handled = new ArrayList<>();
        sync.on(CheckedIn.class, event -> {
            Sql.update(event.connection(), "INSERT INTO seen (resident) VALUES (?)", event.payload().residentId());
            handled.add(event.kiosk().kioskId() + " " + event.payload().residentId() + " " + event.receivedAt());
        });
        ObjectNode checkIn = event("CHECKED_IN", Map.of("residentId", "r-1"));

        Batch batch = sync.apply(KIOSK, body(KIOSK, null, checkIn));

        assertThat(batch.accepted()).containsExactly(UUID.fromString(checkIn.get("id").asText()));
        assertThat(handled).containsExactly("k-one r-1 " + NOW);
        assertThat(column("SELECT resident FROM seen")).containsExactly("r-1");
        assertThat(column("SELECT type FROM events")).containsExactly("CHECKED_IN");
    }

    @Test
    void an_event_type_nobody_registered_is_rejected_and_stored_nowhere() {
        sync.on(CheckedIn.class, event -> { });
        ObjectNode heartbeat = event("HEARTBEAT", Map.of("version", "0.1.0", "uptimeSeconds", 60, "outbox", 0,
                "voice", "ok", "speaker", "ok"));
        ObjectNode checkIn = event("CHECKED_IN", Map.of("residentId", "r-1"));

        Batch batch = sync.apply(KIOSK, body(KIOSK, null, heartbeat, checkIn));

        assertThat(batch.accepted()).containsExactly(UUID.fromString(checkIn.get("id").asText()));
        assertThat(batch.rejected()).singleElement().satisfies(rejection -> {
            assertThat(rejection.id()).isEqualTo(heartbeat.get("id").asText());
            assertThat(rejection.code()).isEqualTo("unsupported_event");
            assertThat(rejection.message()).contains("HEARTBEAT");
        });
        assertThat(column("SELECT type FROM events")).containsExactly("CHECKED_IN");
    }

    @Test
    void a_refused_event_leaves_nothing_of_itself_and_its_after_commit_work_never_runs() {
        List<String> published = new ArrayList<>();
        sync.on(CheckedIn.class, event -> {
            Sql.update(event.connection(), "INSERT INTO seen (resident) VALUES (?)", event.payload().residentId());
            event.afterCommit(() -> published.add(event.payload().residentId()));
            if (event.payload().residentId().equals("r-unknown")) {
                throw new Refusal(Refusal.Kind.NOT_FOUND, "unknown_resident", "no resident r-unknown");
            }
        });
        ObjectNode good = event("CHECKED_IN", Map.of("residentId", "r-1"));
        ObjectNode bad = event("CHECKED_IN", Map.of("residentId", "r-unknown"));

        Batch batch = sync.apply(KIOSK, body(KIOSK, null, bad, good));

        assertThat(batch.rejected()).containsExactly(new Rejection(bad.get("id").asText(), "unknown_resident",
                "no resident r-unknown"));
        assertThat(column("SELECT resident FROM seen")).containsExactly("r-1");
        assertThat(column("SELECT id FROM events")).containsExactly(good.get("id").asText());
        assertThat(published).containsExactly("r-1");
    }

    @Test
    void refused_events_between_accepted_ones_roll_back_only_themselves() {
        List<String> payloads = new ArrayList<>();
        sync.on(CheckedIn.class, event -> {
            Sql.update(event.connection(), "INSERT INTO seen (resident) VALUES (?)", event.payload().residentId());
            payloads.add(event.payloadJson());
            if (event.payload().residentId().startsWith("r-unknown")) {
                throw new Refusal(Refusal.Kind.NOT_FOUND, "unknown_resident", "no resident "
                        + event.payload().residentId());
            }
        });
        ObjectNode bad = event("CHECKED_IN", Map.of("residentId", "r-unknown-1"));
        ObjectNode good = event("CHECKED_IN", Map.of("residentId", "r-1"));
        ObjectNode worse = event("CHECKED_IN", Map.of("residentId", "r-unknown-2"));
        ObjectNode better = event("CHECKED_IN", Map.of("residentId", "r-2"));

        Batch batch = sync.apply(KIOSK, body(KIOSK, null, bad, good, worse, better));

        assertThat(batch.accepted()).containsExactly(UUID.fromString(good.get("id").asText()),
                UUID.fromString(better.get("id").asText()));
        assertThat(batch.rejected()).extracting(Rejection::id).containsExactly(bad.get("id").asText(),
                worse.get("id").asText());
        assertThat(column("SELECT resident FROM seen")).containsExactly("r-1", "r-2");
        assertThat(column("SELECT id FROM events")).containsExactlyInAnyOrder(good.get("id").asText(),
                better.get("id").asText());
        // The handler saw each payload as the events table keeps it.
        String stored = column("SELECT payload FROM events WHERE id = '" + good.get("id").asText() + "'").get(0);
        assertThat(stored).contains("\"residentId\":\"r-1\"");
        assertThat(payloads).contains(stored);
        // The batch's transaction holds no savepoint of its events any more: the next batch commits.
        ObjectNode after = event("CHECKED_IN", Map.of("residentId", "r-3"));
        assertThat(sync.apply(KIOSK, body(KIOSK, null, after)).accepted()).hasSize(1);
        assertThat(column("SELECT resident FROM seen")).containsExactly("r-1", "r-2", "r-3");
    }

    @Test
    void a_refusal_after_accepted_events_stores_them_again_once_and_runs_their_work_once() {
        List<String> handled = new ArrayList<>();
        List<String> published = new ArrayList<>();
        sync.on(CheckedIn.class, event -> {
            handled.add(event.payload().residentId());
            Sql.update(event.connection(), "INSERT INTO seen (resident) VALUES (?)", event.payload().residentId());
            event.afterCommit(() -> published.add(event.payload().residentId()));
            if (event.payload().residentId().equals("r-unknown")) {
                throw new Refusal(Refusal.Kind.NOT_FOUND, "unknown_resident", "no resident r-unknown");
            }
        });
        ObjectNode first = event("CHECKED_IN", Map.of("residentId", "r-1"));
        ObjectNode second = event("CHECKED_IN", Map.of("residentId", "r-2"));
        ObjectNode bad = event("CHECKED_IN", Map.of("residentId", "r-unknown"));

        Batch batch = sync.apply(KIOSK, body(KIOSK, null, first, second, bad));

        assertThat(batch.accepted()).containsExactly(UUID.fromString(first.get("id").asText()),
                UUID.fromString(second.get("id").asText()));
        assertThat(batch.rejected()).extracting(Rejection::id).containsExactly(bad.get("id").asText());
        // Stored first without a savepoint per event, rolled back at the refusal, stored again.
        assertThat(handled).containsExactly("r-1", "r-2", "r-unknown", "r-1", "r-2", "r-unknown");
        assertThat(column("SELECT resident FROM seen")).containsExactly("r-1", "r-2");
        assertThat(column("SELECT id FROM events")).containsExactlyInAnyOrder(first.get("id").asText(),
                second.get("id").asText());
        assertThat(published).containsExactly("r-1", "r-2");
    }

    @Test
    void a_batch_without_a_refusal_reaches_each_handler_once() {
        List<String> handled = new ArrayList<>();
        sync.on(CheckedIn.class, event -> handled.add(event.payload().residentId()));

        sync.apply(KIOSK, body(KIOSK, null, event("CHECKED_IN", Map.of("residentId", "r-1")),
                event("CHECKED_IN", Map.of("residentId", "r-2"))));

        assertThat(handled).containsExactly("r-1", "r-2");
    }

    @Test
    void batches_committed_as_one_group_keep_their_own_events_when_one_has_a_refusal() throws Exception {
        CountDownLatch writerHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        sync.on(CheckedIn.class, event -> {
            Sql.update(event.connection(), "INSERT INTO seen (resident) VALUES (?)", event.payload().residentId());
            if (event.payload().residentId().equals("r-hold")) {
                writerHeld.countDown();
                waitFor(release);
            }
            if (event.payload().residentId().equals("r-unknown")) {
                throw new Refusal(Refusal.Kind.NOT_FOUND, "unknown_resident", "no resident r-unknown");
            }
        });
        ObjectNode bad = event("CHECKED_IN", Map.of("residentId", "r-unknown"));
        List<Batch> batches = Collections.synchronizedList(new ArrayList<>());
        Thread holding = syncing(batches, body(KIOSK, null, event("CHECKED_IN", Map.of("residentId", "r-hold"))));
        assertThat(writerHeld.await(10, TimeUnit.SECONDS)).isTrue();
        // Both queue behind the held write (waiting for their outcome), so the writer takes them as one group.
        Thread mixed = syncing(batches, body(KIOSK, null, event("CHECKED_IN", Map.of("residentId", "r-1")), bad,
                event("CHECKED_IN", Map.of("residentId", "r-2"))));
        Thread clean = syncing(batches, body(KIOSK, null, event("CHECKED_IN", Map.of("residentId", "r-3"))));
        await().atMost(Duration.ofSeconds(10)).until(() -> mixed.getState() == Thread.State.WAITING
                && clean.getState() == Thread.State.WAITING);
        long commitsBefore = database.commits();
        release.countDown();
        for (Thread thread : List.of(holding, mixed, clean)) {
            thread.join(10_000);
            assertThat(thread.isAlive()).as(thread.getName()).isFalse();
        }

        assertThat(database.commits()).isEqualTo(commitsBefore + 2);
        assertThat(batches).hasSize(3);
        assertThat(batches).filteredOn(batch -> !batch.rejected().isEmpty()).singleElement().satisfies(batch -> {
            assertThat(batch.accepted()).hasSize(2);
            assertThat(batch.rejected()).extracting(Rejection::id).containsExactly(bad.get("id").asText());
        });
        assertThat(column("SELECT resident FROM seen")).containsExactlyInAnyOrder("r-hold", "r-1", "r-2", "r-3");
        assertThat(column("SELECT COUNT(*) FROM events")).containsExactly("4");
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Thread syncing(List<Batch> batches, JsonNode body) {
        Thread thread = new Thread(() -> batches.add(sync.apply(KIOSK, body)), "sync-test");
        thread.start();
        return thread;
    }

    @Test
    void work_queued_for_after_the_commit_sees_the_batch_committed() {
        List<String> seenAfter = new ArrayList<>();
        sync.on(CheckedIn.class, event -> {
            Sql.update(event.connection(), "INSERT INTO seen (resident) VALUES (?)", event.payload().residentId());
            event.afterCommit(() -> seenAfter.addAll(column("SELECT resident FROM seen")));
        });

        sync.apply(KIOSK, body(KIOSK, null, event("CHECKED_IN", Map.of("residentId", "r-1"))));

        assertThat(seenAfter).containsExactly("r-1");
    }

    @Test
    void work_queued_once_under_one_key_by_several_events_of_a_batch_runs_once() {
        List<String> told = new ArrayList<>();
        sync.on(CheckedIn.class, event -> event.afterCommitOnce("board", () -> told.add(event.payload().residentId())));

        sync.apply(KIOSK, body(KIOSK, null, event("CHECKED_IN", Map.of("residentId", "r-1")),
                event("CHECKED_IN", Map.of("residentId", "r-2"))));

        assertThat(told).containsExactly("r-1");
    }

    @Test
    void a_replayed_event_is_accepted_without_reaching_its_handler_again() {
        List<String> handled = new ArrayList<>();
        sync.on(CheckedIn.class, event -> handled.add(event.payload().residentId()));
        ObjectNode checkIn = event("CHECKED_IN", Map.of("residentId", "r-1"));

        sync.apply(KIOSK, body(KIOSK, null, checkIn));
        Batch again = sync.apply(KIOSK, body(KIOSK, null, checkIn));

        assertThat(again.accepted()).containsExactly(UUID.fromString(checkIn.get("id").asText()));
        assertThat(handled).containsExactly("r-1");
    }

    @Test
    void an_event_sent_twice_in_one_batch_is_stored_once_and_accepted_twice() {
        List<String> handled = new ArrayList<>();
        sync.on(CheckedIn.class, event -> handled.add(event.payload().residentId()));
        ObjectNode checkIn = event("CHECKED_IN", Map.of("residentId", "r-1"));
        UUID id = UUID.fromString(checkIn.get("id").asText());

        Batch batch = sync.apply(KIOSK, body(KIOSK, null, checkIn, checkIn));

        assertThat(batch.accepted()).containsExactly(id, id);
        assertThat(batch.rejected()).isEmpty();
        assertThat(handled).containsExactly("r-1");
        assertThat(column("SELECT id FROM events")).containsExactly(id.toString());
    }

    @Test
    void a_large_batch_tells_its_own_replays_other_kiosks_ids_and_new_events_apart() {
        List<String> handled = new ArrayList<>();
        sync.on(CheckedIn.class, event -> handled.add(event.payload().residentId()));
        List<ObjectNode> mine = new ArrayList<>();
        List<ObjectNode> theirs = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            mine.add(event("CHECKED_IN", Map.of("residentId", "old-" + i)));
            theirs.add(event("CHECKED_IN", Map.of("residentId", "home-" + i)));
        }
        sync.apply(KIOSK, body(KIOSK, null, mine.toArray(ObjectNode[]::new)));
        sync.apply(HOME, body(HOME, null, theirs.toArray(ObjectNode[]::new)));
        handled.clear();
        // More than one look-up's worth of ids, in an order that mixes the three kinds.
        List<ObjectNode> batch = new ArrayList<>();
        List<String> fresh = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            ObjectNode another = event("CHECKED_IN", Map.of("residentId", "new-" + i));
            fresh.add("new-" + i);
            batch.add(theirs.get(i));
            batch.add(another);
            batch.add(mine.get(i));
        }

        Batch result = sync.apply(KIOSK, body(KIOSK, null, batch.toArray(ObjectNode[]::new)));

        assertThat(handled).as("only the new events reach the handler").containsExactlyElementsOf(fresh);
        assertThat(result.accepted()).hasSize(140);
        assertThat(result.rejected()).hasSize(70).allSatisfy(rejection -> assertThat(rejection.code())
                .isEqualTo("id_conflict"));
        assertThat(result.rejected()).extracting(Rejection::id)
                .containsExactlyElementsOf(theirs.stream().map(event -> event.get("id").asText()).toList());
        assertThat(column("SELECT COUNT(*) FROM events")).containsExactly("210");
    }

    @Test
    void every_batch_reaches_the_batch_hooks_also_without_events() {
        List<String> batches = new ArrayList<>();
        sync.addBatchHook((connection, kiosk, eventsSent, receivedAt, afterCommit) ->
                afterCommit.accept(() -> batches.add(kiosk.kioskId() + " " + eventsSent)));

        sync.apply(KIOSK, body(KIOSK, null));

        assertThat(batches).containsExactly("k-one 0");
    }

    @Test
    void the_unchanged_answer_keeps_the_cursor_asks_no_part_for_news_and_has_the_fields_of_an_answer_without_news() {
        AtomicInteger asked = new AtomicInteger();
        sync.addPart(new SyncPart() {
            @Override
            public String name() {
                return "help";
            }

            @Override
            public boolean hasNews(KioskIdentity kiosk, long slice) {
                asked.incrementAndGet();
                return false;
            }

            @Override
            public PartAnswer answer(KioskIdentity kiosk, long slice) {
                asked.incrementAndGet();
                return PartAnswer.of(slice, "helpUpdates", List.of());
            }

            @Override
            public PartAnswer unchanged(KioskIdentity kiosk, long slice) {
                return PartAnswer.of(slice, "helpUpdates", List.of());
            }
        });
        sync.addPart(new CountingPart("roster", -1, 2, "residents", kiosk -> !kiosk.home()));
        SyncService.Answer full = sync.answer(KIOSK, Batch.empty(SyncCursor.parse("help=3.roster=2")));
        asked.set(0);

        SyncService.Answer unchanged = sync.unchanged(KIOSK, SyncCursor.parse("help=3.roster=2"));
        SyncService.Answer home = sync.unchanged(HOME, SyncCursor.parse("help=4.roster=2"));

        assertThat(asked).as("parts asked for news or an answer").hasValue(0);
        assertThat(unchanged.news()).isFalse();
        assertThat(unchanged.body()).isEqualTo(full.body());
        assertThat(home.body().get("cursor")).as("only the parts that serve the kiosk").isEqualTo("help=4");
        assertThat(home.body()).doesNotContainKey("residents");
    }

    @Test
    void the_answer_and_its_cursor_are_made_of_the_parts_that_serve_the_kiosk() {
        sync.addPart(new CountingPart("help", 0, 5, "helpUpdates", kiosk -> true));
        sync.addPart(new CountingPart("roster", -1, 2, "residents", kiosk -> !kiosk.home()));

        SyncService.Answer courtyard = sync.answer(KIOSK, sync.apply(KIOSK, body(KIOSK, "help=3.roster=2")));
        SyncService.Answer home = sync.answer(HOME, sync.apply(HOME, body(HOME, null)));

        assertThat(courtyard.body().get("cursor")).isEqualTo("help=5.roster=2");
        assertThat(courtyard.body()).containsEntry("helpUpdates", List.of(4L, 5L)).containsEntry("residents", List.of());
        assertThat(courtyard.news()).isTrue();
        assertThat(courtyard.body().keySet()).containsExactly("accepted", "rejected", "cursor", "helpUpdates",
                "residents", "serverTime");
        assertThat(home.body().get("cursor")).isEqualTo("help=5");
        assertThat(home.body()).doesNotContainKey("residents");
    }

    @Test
    void a_part_added_later_starts_from_nothing_for_the_cursors_kiosks_already_hold() {
        sync.addPart(new CountingPart("help", 0, 5, "helpUpdates", kiosk -> true));
        sync.addPart(new CountingPart("tasks", 0, 2, "tasks", kiosk -> true));

        SyncService.Answer answer = sync.answer(KIOSK, sync.apply(KIOSK, body(KIOSK, "5.0.-1")));

        assertThat(answer.body()).containsEntry("helpUpdates", List.of()).containsEntry("tasks", List.of(1L, 2L));
        assertThat(answer.body().get("cursor")).isEqualTo("help=5.tasks=2");
        assertThat(sync.hasNews(KIOSK, SyncCursor.parse("help=5.tasks=2"))).isFalse();
        assertThat(sync.hasNews(KIOSK, SyncCursor.parse("help=5"))).isTrue();
    }

    @Test
    void a_cursor_beyond_what_a_part_has_starts_the_kiosk_over() {
        sync.addPart(new CountingPart("help", 0, 5, "helpUpdates", kiosk -> true));

        Batch batch = sync.apply(KIOSK, body(KIOSK, "help=9"));

        assertThat(batch.cursor()).isEqualTo(SyncCursor.START);
        assertThat(sync.answer(KIOSK, batch).body()).containsEntry("helpUpdates", List.of(1L, 2L, 3L, 4L, 5L));
    }

    @Test
    void a_slice_the_part_has_confirmed_is_not_asked_again_but_one_beyond_it_still_is() {
        AtomicInteger asked = new AtomicInteger();
        AtomicLong newest = new AtomicLong(5);
        sync.addPart(new SyncPart() {
            @Override
            public String name() {
                return "help";
            }

            @Override
            public boolean isAhead(long slice) {
                asked.incrementAndGet();
                return slice > newest.get();
            }

            @Override
            public boolean hasNews(KioskIdentity kiosk, long slice) {
                return slice < newest.get();
            }

            @Override
            public PartAnswer answer(KioskIdentity kiosk, long slice) {
                return PartAnswer.of(newest.get(), "helpUpdates", List.of());
            }

            @Override
            public PartAnswer unchanged(KioskIdentity kiosk, long slice) {
                return PartAnswer.of(slice, "helpUpdates", List.of());
            }
        });

        assertThat(sync.apply(KIOSK, body(KIOSK, "help=5")).cursor()).isEqualTo(SyncCursor.parse("help=5"));
        assertThat(sync.apply(KIOSK, body(KIOSK, "help=5")).cursor()).isEqualTo(SyncCursor.parse("help=5"));
        assertThat(sync.apply(KIOSK, body(KIOSK, "help=3")).cursor()).isEqualTo(SyncCursor.parse("help=3"));
        assertThat(asked).as("asked once for slice 5, not again for 5 or for 3 below it").hasValue(1);

        assertThat(sync.apply(KIOSK, body(KIOSK, "help=9")).cursor()).isEqualTo(SyncCursor.START);
        newest.set(9);
        assertThat(sync.apply(KIOSK, body(KIOSK, "help=9")).cursor()).isEqualTo(SyncCursor.parse("help=9"));
        assertThat(asked).hasValue(3);
    }

    @Test
    void two_handlers_for_one_type_or_two_parts_of_one_name_are_refused() {
        sync.on(CheckedIn.class, event -> { });
        sync.addPart(new CountingPart("help", 0, 1, "helpUpdates", kiosk -> true));

        assertThatThrownBy(() -> sync.on(CheckedIn.class, event -> { })).hasMessageContaining("CHECKED_IN");
        assertThatThrownBy(() -> sync.addPart(new CountingPart("help", 0, 1, "more", kiosk -> true)))
                .hasMessageContaining("help");
    }

    /** A part whose news are the numbers after the slice up to {@code newest}. */
    private record CountingPart(String name, long start, long newest, String field,
            java.util.function.Predicate<KioskIdentity> serving) implements SyncPart {

        @Override
        public boolean serves(KioskIdentity kiosk) {
            return serving.test(kiosk);
        }

        @Override
        public boolean isAhead(long slice) {
            return slice > newest;
        }

        @Override
        public boolean hasNews(KioskIdentity kiosk, long slice) {
            return slice < newest;
        }

        @Override
        public PartAnswer answer(KioskIdentity kiosk, long slice) {
            List<Long> news = new ArrayList<>();
            for (long i = Math.max(slice, 0) + 1; i <= newest; i++) {
                news.add(i);
            }
            return PartAnswer.of(newest, field, news);
        }

        @Override
        public PartAnswer unchanged(KioskIdentity kiosk, long slice) {
            return PartAnswer.of(slice, field, List.of());
        }
    }

    private static ObjectNode event(String type, Map<String, ?> payload) {
        ObjectNode event = ProtocolJson.mapper().createObjectNode();
        event.put("id", UUID.randomUUID().toString()).put("type", type).put("occurredAt", NOW.toString())
                .put("clockTrusted", true);
        event.set("payload", ProtocolJson.mapper().valueToTree(payload));
        return event;
    }

    private static JsonNode body(KioskIdentity kiosk, String cursor, ObjectNode... events) {
        ObjectNode body = ProtocolJson.mapper().createObjectNode();
        body.put("protocol", 1).put("kioskId", kiosk.kioskId()).put("cursor", cursor);
        ArrayNode array = body.putArray("events");
        for (ObjectNode event : events) {
            array.add(event);
        }
        return body;
    }

    private List<String> column(String sql) {
        return database.read(c -> Sql.query(c, sql, row -> row.getString(1)));
    }
}
