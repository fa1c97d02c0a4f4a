package org.courtyard.kiosk.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new Random(7));

    @Test
    void doubles_with_each_failure_up_to_the_maximum_plus_at_most_half_again() {
        for (int failures = 1; failures <= 12; failures++) {
            long base = Math.min(60_000, 1_000L << (failures - 1));
            for (int i = 0; i < 200; i++) {
                assertThat(backoff.after(failures, Optional.empty()).toMillis()).isBetween(base, base + base / 2);
            }
        }
    }

    @Test
    void never_comes_back_before_the_hubs_retry_after() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(backoff.after(1, Optional.of(Duration.ofSeconds(5))).toMillis()).isBetween(5_000L, 7_500L);
        }
        assertThat(backoff.after(1, Optional.of(Duration.ofDays(2))))
                .as("a hub that asks for days is not obeyed beyond five minutes")
                .isBetween(Backoff.MOST_RETRY_AFTER, Backoff.MOST_RETRY_AFTER.multipliedBy(3).dividedBy(2));
    }

    @Test
    void kiosks_refused_together_come_back_spread_over_the_window() {
        Set<Long> tenths = new HashSet<>();
        for (int kiosk = 0; kiosk < 1_000; kiosk++) {
            tenths.add(backoff.after(1, Optional.of(Duration.ofSeconds(5))).toMillis() / 100);
        }
        assertThat(tenths).as("1,000 kiosks told Retry-After 5 come back in every tenth of a second of 5.0-7.5 s")
                .containsAll(LongStream.range(50, 75).boxed().toList());
    }

    @Test
    void refuses_settings_that_make_no_sense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), new Random()))
                .hasMessageContaining("0 < min <= max");
        assertThatThrownBy(() -> backoff.after(0, Optional.empty())).hasMessageContaining("failures");
    }
}
