package org.courtyard.hardware.internal;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.courtyard.hardware.LampRole;
import org.courtyard.hardware.LampState;
import org.courtyard.hardware.Lamps;

/**
 * Up to four lamps on GPIO outputs (Pi4J ids {@code lamp-link}, {@code lamp-sending},
 * {@code lamp-acknowledged}, and on a home unit {@code lamp-checkin}), HIGH = lit. Blinking is {@value #BLINK_MILLIS} ms on,
 * {@value #BLINK_MILLIS} ms off, driven by the scheduler. A role without a pin accepts calls,
 * stays {@link LampState#OFF} and reports nothing. Each change of state is reported as
 * {@code lamp <role> on|off|blink}.
 */
public final class GpioLamps implements Lamps, AutoCloseable {

    public static final int BLINK_MILLIS = 500;

    private final Map<LampRole, Lamp> lamps = new EnumMap<>(LampRole.class);

    public GpioLamps(Context context, GpioProviders providers, Map<LampRole, Integer> pins, Scheduler scheduler,
            ActionBus bus) {
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(bus, "bus");
        pins.forEach((role, pin) -> {
            DigitalOutput output = Gpio.open(role.label() + " lamp", pin, providers.digitalOutput(),
                    () -> context.create(DigitalOutput.newConfigBuilder(context)
                            .id(ioId(role))
                            .name(role.label() + " lamp")
                            .address(pin)
                            .initial(DigitalState.LOW)
                            .shutdown(DigitalState.LOW)
                            .provider(providers.digitalOutput())
                            .build()));
            lamps.put(role, new Lamp(role, output, scheduler, bus));
        });
    }

    /** The Pi4J IO id of a lamp's output. */
    public static String ioId(LampRole role) {
        return "lamp-" + role.label();
    }

    @Override
    public void set(LampRole role, LampState state) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(state, "state");
        Lamp lamp = lamps.get(role);
        if (lamp != null) {
            lamp.set(state);
        }
    }

    @Override
    public LampState state(LampRole role) {
        Lamp lamp = lamps.get(Objects.requireNonNull(role, "role"));
        return lamp == null ? LampState.OFF : lamp.state();
    }

    /** Whether any lamp has a pin. */
    public boolean any() {
        return !lamps.isEmpty();
    }

    /** Stops blinking and switches every lamp off. Closing twice is safe. */
    @Override
    public void close() {
        lamps.values().forEach(lamp -> lamp.set(LampState.OFF));
    }

    private static final class Lamp {

        private final LampRole role;
        private final DigitalOutput output;
        private final Scheduler scheduler;
        private final ActionBus bus;
        private LampState state = LampState.OFF;
        private long blinkRun;
        private Scheduler.Timer blinkTimer;

        Lamp(LampRole role, DigitalOutput output, Scheduler scheduler, ActionBus bus) {
            this.role = role;
            this.output = output;
            this.scheduler = scheduler;
            this.bus = bus;
        }

        synchronized LampState state() {
            return state;
        }

        synchronized void set(LampState next) {
            if (next == state) {
                return;
            }
            state = next;
            blinkRun++;
            if (blinkTimer != null) {
                blinkTimer.cancel();
                blinkTimer = null;
            }
            output.state(next == LampState.OFF ? DigitalState.LOW : DigitalState.HIGH);
            if (next == LampState.BLINK) {
                scheduleToggle(blinkRun);
            }
            bus.emit("lamp " + role.label() + " " + next.name().toLowerCase(Locale.ROOT));
        }

        private void scheduleToggle(long run) {
            blinkTimer = scheduler.schedule(Duration.ofMillis(BLINK_MILLIS), () -> toggle(run));
        }

        private synchronized void toggle(long run) {
            if (run != blinkRun) {
                return;
            }
            output.state(output.isHigh() ? DigitalState.LOW : DigitalState.HIGH);
            scheduleToggle(run);
        }
    }
}
