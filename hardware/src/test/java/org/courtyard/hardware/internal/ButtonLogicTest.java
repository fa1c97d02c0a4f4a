package org.courtyard.hardware.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ButtonLogicTest {

    private final ManualScheduler time = new ManualScheduler();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final ButtonLogic logic = new ButtonLogic(Duration.ofMillis(50), Duration.ofSeconds(3), time,
            new ButtonLogic.Listener() {
                @Override
                public void press() {
                    events.add("press at " + now());
                }

                @Override
                public void longPress() {
                    events.add("long-press at " + now());
                }
            });

    private long now() {
        return (time.nanoTime() - 1_000_000_000L) / 1_000_000;
    }

    private void edgeAt(long millis, boolean pressed) {
        time.advanceTo(millis);
        logic.edge(pressed, time.nanoTime());
    }

    @Test
    void bounces_within_the_debounce_time_give_one_press() {
        edgeAt(0, true);
        edgeAt(3, false);
        edgeAt(7, true);
        edgeAt(12, false);
        edgeAt(15, true);
        edgeAt(300, false);
        edgeAt(304, true);
        edgeAt(309, false);
        time.advanceTo(1_000);

        assertThat(events).containsExactly("press at 359");
    }

    @Test
    void a_spike_shorter_than_the_debounce_time_is_ignored() {
        edgeAt(0, true);
        edgeAt(20, false);
        time.advanceTo(5_000);

        assertThat(events).isEmpty();
        assertThat(logic.pressed()).isFalse();
    }

    @Test
    void a_press_is_reported_on_release_after_the_debounce_time() {
        edgeAt(0, true);
        time.advanceTo(49);
        assertThat(logic.pressed()).isFalse();
        time.advanceTo(50);
        assertThat(logic.pressed()).isTrue();

        edgeAt(400, false);
        time.advanceTo(449);
        assertThat(events).isEmpty();
        time.advanceTo(450);
        assertThat(events).containsExactly("press at 450");
    }

    @Test
    void holding_past_the_threshold_gives_one_long_press_while_held_and_nothing_on_release() {
        edgeAt(0, true);
        time.advanceTo(2_999);
        assertThat(events).isEmpty();

        time.advanceTo(3_000);
        assertThat(events).containsExactly("long-press at 3000");

        time.advanceTo(10_000);
        edgeAt(10_000, false);
        time.advanceTo(11_000);
        assertThat(events).containsExactly("long-press at 3000");
    }

    @Test
    void long_press_is_measured_from_the_first_edge_of_a_bouncy_press() {
        edgeAt(0, true);
        edgeAt(10, false);
        edgeAt(20, true);
        time.advanceTo(3_019);
        assertThat(events).isEmpty();
        time.advanceTo(3_020);
        assertThat(events).containsExactly("long-press at 3020");
    }

    @Test
    void letting_go_just_before_the_threshold_is_a_press_though_the_release_settles_after_it() {
        edgeAt(0, true);
        edgeAt(2_980, false);
        time.advanceTo(5_000);

        assertThat(events).containsExactly("press at 3030");
    }

    @Test
    void a_bounce_just_before_the_threshold_does_not_lose_the_long_press() {
        edgeAt(0, true);
        edgeAt(2_980, false);
        edgeAt(3_010, true);
        time.advanceTo(5_000);

        assertThat(events).containsExactly("long-press at 3030");
    }

    @Test
    void two_presses_give_two_events_in_order() {
        edgeAt(0, true);
        edgeAt(200, false);
        edgeAt(600, true);
        time.advanceTo(4_000);
        edgeAt(4_000, false);
        time.advanceTo(5_000);

        assertThat(events).containsExactly("press at 250", "long-press at 3600");
    }

    @Test
    void stopped_logic_reports_nothing_more() {
        edgeAt(0, true);
        logic.stop();
        time.advanceTo(5_000);

        assertThat(events).isEmpty();
        assertThat(time.pending()).isZero();
    }
}
