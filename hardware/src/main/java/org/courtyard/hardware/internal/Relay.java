package org.courtyard.hardware.internal;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.Objects;

/**
 * The amplifier relay on a GPIO output (Pi4J id {@value #IO_ID}). Starts off and is configured
 * to go off when the Pi4J context shuts down, so the loudspeaker is silent even if the kiosk dies
 * without closing its hardware. Reports {@code relay on} / {@code relay off} on each change.
 */
public final class Relay {

    public static final String IO_ID = "relay";

    private final DigitalOutput output;
    private final DigitalState onLevel;
    private final DigitalState offLevel;
    private final ActionBus bus;
    private boolean on;

    public Relay(Context context, GpioProviders providers, int pin, boolean activeHigh, ActionBus bus) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.onLevel = activeHigh ? DigitalState.HIGH : DigitalState.LOW;
        this.offLevel = activeHigh ? DigitalState.LOW : DigitalState.HIGH;
        this.output = Gpio.open("amplifier relay", pin, providers.digitalOutput(),
                () -> context.create(DigitalOutput.newConfigBuilder(context)
                        .id(IO_ID)
                        .name("amplifier relay")
                        .address(pin)
                        .initial(offLevel)
                        .shutdown(offLevel)
                        .provider(providers.digitalOutput())
                        .build()));
    }

    public synchronized void on() {
        output.state(onLevel);
        if (!on) {
            on = true;
            bus.emit("relay on");
        }
    }

    public synchronized void off() {
        output.state(offLevel);
        if (on) {
            on = false;
            bus.emit("relay off");
        }
    }

    /** Whether the pin is at the relay's "on" level right now. */
    public boolean isOn() {
        return output.state() == onLevel;
    }
}
