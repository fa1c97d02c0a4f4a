package org.courtyard.hardware.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.courtyard.hardware.HardwareConfig;
import org.courtyard.hardware.HardwareConfig.Mode;
import org.courtyard.hardware.HardwareConfig.Pull;
import org.courtyard.hardware.HelpButton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GpioButtonTest {

    private final Context context = MockGpio.context();
    private final ManualScheduler time = new ManualScheduler();
    private final ActionBus bus = new ActionBus();
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private GpioButton button;
    private MockDigitalInput pin;

    @AfterEach
    void stop() {
        bus.close();
        context.shutdown();
    }

    private void wire(HardwareConfig config) {
        button = GpioButton.help(context, MockGpio.PROVIDERS, config, time, bus);
        pin = MockGpio.input(context, GpioButton.HELP_ID);
        bus.addListener(action -> lines.add(action.line()));
        button.addListener(new HelpButton.Listener() {
            @Override
            public void onPress() {
                heard.add("press on " + Thread.currentThread().getName());
            }

            @Override
            public void onLongPress() {
                heard.add("long-press on " + Thread.currentThread().getName());
            }
        });
    }

    private void level(long atMillis, DigitalState state) {
        time.advanceTo(atMillis);
        pin.mockState(state);
    }

    @Test
    void active_low_button_with_pull_up_gives_a_press_when_the_pin_falls_and_rises_again() {
        wire(HardwareConfig.defaults(Mode.SIM));
        level(0, DigitalState.HIGH);
        level(100, DigitalState.LOW);
        level(300, DigitalState.HIGH);
        time.advanceTo(1_000);

        await().untilAsserted(() -> assertThat(heard).containsExactly("press on courtyard-hardware-events"));
        assertThat(lines).containsExactly("button press");
    }

    @Test
    void active_high_wiring_gives_a_press_when_the_pin_rises_and_falls_again() {
        wire(HardwareConfig.defaults(Mode.SIM)
                .withButton(5, Pull.DOWN, false, Duration.ofMillis(50), Duration.ofSeconds(3)));
        level(0, DigitalState.LOW);
        level(100, DigitalState.HIGH);
        level(300, DigitalState.LOW);
        time.advanceTo(1_000);

        await().untilAsserted(() -> assertThat(lines).containsExactly("button press"));
    }

    @Test
    void an_active_low_button_ignores_a_rising_pin() {
        wire(HardwareConfig.defaults(Mode.SIM));
        level(0, DigitalState.LOW);
        level(100, DigitalState.HIGH);
        time.advanceTo(5_000);

        bus.close();
        assertThat(lines).isEmpty();
    }

    @Test
    void bounces_within_50_ms_on_the_pin_give_one_press() {
        wire(HardwareConfig.defaults(Mode.SIM));
        level(0, DigitalState.HIGH);
        level(100, DigitalState.LOW);
        level(104, DigitalState.HIGH);
        level(109, DigitalState.LOW);
        level(120, DigitalState.HIGH);
        level(130, DigitalState.LOW);
        level(400, DigitalState.HIGH);
        level(405, DigitalState.LOW);
        level(410, DigitalState.HIGH);
        time.advanceTo(2_000);

        bus.close();
        assertThat(lines).containsExactly("button press");
        assertThat(heard).hasSize(1);
    }

    @Test
    void no_long_press_is_reported_before_three_seconds_have_passed() {
        wire(HardwareConfig.defaults(Mode.SIM));
        level(0, DigitalState.HIGH);
        level(100, DigitalState.LOW);
        time.advanceTo(3_099);
        bus.close();
        assertThat(lines).isEmpty();
    }

    @Test
    void a_long_press_is_reported_once_and_its_release_reports_nothing() {
        wire(HardwareConfig.defaults(Mode.SIM));
        level(0, DigitalState.HIGH);
        level(100, DigitalState.LOW);
        time.advanceTo(3_100);
        await().untilAsserted(() -> assertThat(lines).containsExactly("button long-press"));

        level(6_000, DigitalState.HIGH);
        time.advanceTo(7_000);
        bus.close();
        assertThat(lines).containsExactly("button long-press");
        assertThat(heard).containsExactly("long-press on courtyard-hardware-events");
    }

    @Test
    void listeners_never_run_on_the_thread_that_delivered_the_edge() {
        wire(HardwareConfig.defaults(Mode.SIM));
        String gpioThread = Thread.currentThread().getName();
        level(0, DigitalState.HIGH);
        level(100, DigitalState.LOW);
        level(200, DigitalState.HIGH);
        time.advanceTo(1_000);

        await().until(() -> !heard.isEmpty());
        assertThat(heard).noneMatch(event -> event.endsWith(" on " + gpioThread));
    }

    @Test
    void presses_reach_listeners_in_the_order_they_happened() {
        wire(HardwareConfig.defaults(Mode.SIM));
        level(0, DigitalState.HIGH);
        level(100, DigitalState.LOW);
        level(200, DigitalState.HIGH);
        level(500, DigitalState.LOW);
        time.advanceTo(4_000);
        level(4_000, DigitalState.HIGH);
        level(4_500, DigitalState.LOW);
        level(4_600, DigitalState.HIGH);
        time.advanceTo(5_000);

        bus.close();
        assertThat(lines).containsExactly("button press", "button long-press", "button press");
    }
}
