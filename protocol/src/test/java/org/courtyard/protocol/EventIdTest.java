package org.courtyard.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The ids kiosks give events: time-ordered UUIDs (version 7, RFC 9562). */
class EventIdTest {

    @Test
    void ids_are_version_7_with_the_rfc_variant_and_the_current_unix_milliseconds() {
        long before = System.currentTimeMillis();
        UUID id = Event.newId();
        long after = System.currentTimeMillis();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(millis(id)).isBetween(before, after);
    }

    @Test
    void ids_made_by_four_threads_at_once_are_all_different() throws Exception {
        int threads = 4;
        int perThread = 25_000;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<UUID>>> made = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                made.add(pool.submit(() -> {
                    start.await();
                    List<UUID> ids = new ArrayList<>(perThread);
                    for (int i = 0; i < perThread; i++) {
                        ids.add(Event.newId());
                    }
                    return ids;
                }));
            }
            start.countDown();
            Set<UUID> all = new HashSet<>();
            for (Future<List<UUID>> ids : made) {
                List<UUID> mine = ids.get();
                assertThat(mine).allSatisfy(id -> assertThat(id.version()).isEqualTo(7));
                assertThat(mine).as("one thread's ids, in the order it made them").isSortedAccordingTo(EventIdTest::unsigned);
                all.addAll(mine);
            }
            assertThat(all).hasSize(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ids_are_ordered_by_creation_time_across_milliseconds_as_text_and_as_bytes() {
        List<UUID> ids = new ArrayList<>();
        // Makes ids until they carry at least three different milliseconds (counted as made, not
        // from the clock: a thread descheduled for a while may skip milliseconds).
        Set<Long> millis = new HashSet<>();
        while (millis.size() < 3) {
            UUID id = Event.newId();
            ids.add(id);
            millis.add(millis(id));
        }

        assertThat(ids).isSortedAccordingTo(EventIdTest::unsigned);
        // The hub stores ids as their text; text order is creation order too.
        assertThat(ids.stream().map(UUID::toString).toList()).isSorted();
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
    }

    /** The 48-bit Unix millisecond timestamp at the front of a version 7 UUID. */
    private static long millis(UUID id) {
        return id.getMostSignificantBits() >>> 16;
    }

    /** Byte order (how the 16 bytes compare), which {@link UUID#compareTo} is not (it is signed). */
    private static int unsigned(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}
