package org.courtyard.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Publishing with no stream open writes nothing out: every check-in of every kiosk is published,
 * and most have no staff page of their village listening. Delivery to open streams is
 * {@code StreamTest}'s (a real hub and a real event stream).
 */
class LiveStreamPublishTest {

    /** Data whose writing out as JSON is counted. */
    public static final class Counted {
        private final AtomicInteger written;

        Counted(AtomicInteger written) {
            this.written = written;
        }

        public String getName() {
            written.incrementAndGet();
            return "王奶奶";
        }
    }

    @Test
    void an_event_nobody_streams_is_never_written_out() {
        AtomicInteger written = new AtomicInteger();
        try (LiveStream stream = new LiveStream(Duration.ofHours(1), Clock.systemUTC())) {
            stream.publish("checked-in", Optional.of("大村"), new Counted(written));
            stream.publish("help-created", Optional.empty(), new Counted(written));
            stream.publishToStaff("webhook-problem", new Counted(written));
        }

        assertThat(written).hasValue(0);
    }
}
