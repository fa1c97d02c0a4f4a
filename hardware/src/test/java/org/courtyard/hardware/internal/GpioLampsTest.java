package org.courtyard.hardware.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutput;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.courtyard.hardware.LampRole;
import org.courtyard.hardware.LampState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GpioLampsTest {

    private static final Duration HALF_PERIOD = Duration.ofMillis(GpioLamps.BLINK_MILLIS);

    private final Context context = MockGpio.context();
    private final ManualScheduler time = new ManualScheduler();
    private final ActionBus bus = new ActionBus();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final GpioLamps lamps = new GpioLamps(context, MockGpio.PROVIDERS,
            Map.of(LampRole.LINK, 22, LampRole.ACKNOWLEDGED, 24), time, bus);

    GpioLampsTest() {
        bus.addListener(action -> lines.add(action.line()));
    }

    @AfterEach
    void stop() {
        bus.close();
        context.shutdown();
    }

    private MockDigitalOutput pin(LampRole role) {
        return MockGpio.output(context, GpioLamps.ioId(role));
    }

    @Test
    void lamps_start_dark() {
        assertThat(pin(LampRole.LINK).state()).isEqualTo(DigitalState.LOW);
        assertThat(pin(LampRole.ACKNOWLEDGED).state()).isEqualTo(DigitalState.LOW);
        assertThat(lamps.state(LampRole.LINK)).isEqualTo(LampState.OFF);
    }

    @Test
    void a_lamp_switched_on_and_off_drives_its_pin_and_reports_each_change() {
        lamps.set(LampRole.ACKNOWLEDGED, LampState.ON);
        assertThat(pin(LampRole.ACKNOWLEDGED).state()).isEqualTo(DigitalState.HIGH);
        assertThat(pin(LampRole.LINK).state()).isEqualTo(DigitalState.LOW);

        lamps.set(LampRole.ACKNOWLEDGED, LampState.ON);
        lamps.set(LampRole.ACKNOWLEDGED, LampState.OFF);
        assertThat(pin(LampRole.ACKNOWLEDGED).state()).isEqualTo(DigitalState.LOW);

        bus.close();
        assertThat(lines).containsExactly("lamp acknowledged on", "lamp acknowledged off");
    }

    @Test
    void a_blinking_lamp_toggles_every_half_period_until_it_is_switched_off() {
        lamps.set(LampRole.LINK, LampState.BLINK);
        MockDigitalOutput link = pin(LampRole.LINK);
        assertThat(link.state()).isEqualTo(DigitalState.HIGH);

        time.advance(HALF_PERIOD);
        assertThat(link.state()).isEqualTo(DigitalState.LOW);
        time.advance(HALF_PERIOD);
        assertThat(link.state()).isEqualTo(DigitalState.HIGH);
        time.advance(HALF_PERIOD);
        assertThat(link.state()).isEqualTo(DigitalState.LOW);

        lamps.set(LampRole.LINK, LampState.OFF);
        time.advance(HALF_PERIOD.multipliedBy(10));
        assertThat(link.state()).isEqualTo(DigitalState.LOW);
        assertThat(time.pending()).isZero();

        bus.close();
        assertThat(lines).containsExactly("lamp link blink", "lamp link off");
    }

    @Test
    void a_blinking_lamp_switched_on_stays_lit() {
        lamps.set(LampRole.LINK, LampState.BLINK);
        time.advance(HALF_PERIOD);
        lamps.set(LampRole.LINK, LampState.ON);
        time.advance(HALF_PERIOD.multipliedBy(5));

        assertThat(pin(LampRole.LINK).state()).isEqualTo(DigitalState.HIGH);
        assertThat(lamps.state(LampRole.LINK)).isEqualTo(LampState.ON);
    }

    @Test
    void a_lamp_without_a_pin_accepts_calls_and_stays_off() {
        lamps.set(LampRole.SENDING, LampState.BLINK);

        assertThat(lamps.state(LampRole.SENDING)).isEqualTo(LampState.OFF);
        assertThat(context.registry().exists(GpioLamps.ioId(LampRole.SENDING))).isFalse();
        bus.close();
        assertThat(lines).isEmpty();
    }

    @Test
    void closing_switches_every_lamp_off_and_stops_blinking() {
        lamps.set(LampRole.LINK, LampState.BLINK);
        lamps.set(LampRole.ACKNOWLEDGED, LampState.ON);

        lamps.close();
        lamps.close();
        time.advance(HALF_PERIOD.multipliedBy(4));

        assertThat(pin(LampRole.LINK).state()).isEqualTo(DigitalState.LOW);
        assertThat(pin(LampRole.ACKNOWLEDGED).state()).isEqualTo(DigitalState.LOW);
    }
}
