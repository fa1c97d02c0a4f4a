package org.courtyard.hub.kiosk;

import org.courtyard.hub.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The guard against guessing enrolment codes, per address and across addresses. */
class EnrolmentThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));

    @Test
    void one_address_waits_until_its_oldest_wrong_code_is_a_window_old() {
        EnrolmentThrottle throttle = new EnrolmentThrottle(clock, 3, 100, Duration.ofMinutes(15));
        throttle.failed("10.0.0.9");
        clock.advance(Duration.ofMinutes(5));
        throttle.failed("10.0.0.9");
        throttle.failed("10.0.0.9");

        assertThat(throttle.blocked("10.0.0.9")).contains(Duration.ofMinutes(10));
        assertThat(throttle.blocked("10.0.0.10")).as("another address").isEmpty();
        clock.advance(Duration.ofMinutes(10));
        assertThat(throttle.blocked("10.0.0.9")).isEmpty();
    }

    @Test
    void many_addresses_together_are_stopped_by_the_total() {
        EnrolmentThrottle throttle = new EnrolmentThrottle(clock, 3, 10, Duration.ofMinutes(15));
        for (int i = 0; i < 10; i++) {
            throttle.failed("10.0.1." + i);
        }

        assertThat(throttle.blocked("10.0.2.1")).contains(Duration.ofMinutes(15));
        clock.advance(Duration.ofMinutes(15));
        assertThat(throttle.blocked("10.0.2.1")).isEmpty();
    }
}
