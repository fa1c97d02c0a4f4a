package org.courtyard.hardware.internal;

import com.pi4j.context.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.courtyard.hardware.DeviceHealth;
import org.courtyard.hardware.Hardware;
import org.courtyard.hardware.HardwareAction;
import org.courtyard.hardware.HardwareConfig;
import org.courtyard.hardware.HelpButton;
import org.courtyard.hardware.LampRole;
import org.courtyard.hardware.Lamps;
import org.courtyard.hardware.Loudspeaker;
import org.courtyard.hardware.Microphone;
import org.courtyard.hardware.Simulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All devices of a kiosk on one Pi4J context, the same code for a Pi and for {@code sim}: only the
 * context's providers and the audio devices differ, and {@code simulated} adds the
 * {@link Simulator}.
 *
 * <p>Takes ownership of {@code context} and {@code scheduler}: closing shuts them down. If the
 * constructor throws (a pin cannot be opened), they still belong to the caller.
 */
public final class KioskHardware implements Hardware {

    private static final Logger log = LoggerFactory.getLogger(KioskHardware.class);

    private final HardwareConfig config;
    private final Context context;
    private final Scheduler scheduler;
    private final boolean simulated;
    private final ActionBus bus;
    private final RelayLoudspeaker loudspeaker;
    private final GpioButton button;
    private final HelpButton checkInButton;
    private final GpioLamps lamps;
    private final CaptureMicrophone microphone;
    private final Simulator simulator;
    private final AtomicBoolean closed = new AtomicBoolean();
    private Thread shutdownHook;

    public KioskHardware(HardwareConfig config, Context context, GpioProviders providers, AudioOutput output,
            AudioInput input, Scheduler scheduler, Clock clock, boolean simulated) {
        this(config, context, providers, output, input, scheduler, new ActionBus(), clock, simulated);
    }

    /**
     * As the other constructor, with the {@link ActionBus} the devices report on given, so that
     * whoever built it can queue work behind the lines emitted so far. Takes ownership of
     * {@code bus}: closing the hardware closes it, and so does a constructor that throws.
     */
    public KioskHardware(HardwareConfig config, Context context, GpioProviders providers, AudioOutput output,
            AudioInput input, Scheduler scheduler, ActionBus bus, Clock clock, boolean simulated) {
        this.config = Objects.requireNonNull(config, "config");
        this.context = Objects.requireNonNull(context, "context");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.simulated = simulated;
        this.bus = Objects.requireNonNull(bus, "bus");
        GpioButton openedButton = null;
        GpioButton openedCheckIn = null;
        try {
            Relay relay = new Relay(context, providers, config.relayPin(), config.relayActiveHigh(), bus);
            this.loudspeaker = new RelayLoudspeaker(relay, output, bus, config, clock);
            openedButton = GpioButton.help(context, providers, config, scheduler, bus);
            this.button = openedButton;
            if (config.checkInButtonPin() != null) {
                openedCheckIn = GpioButton.checkIn(context, providers, config, scheduler, bus);
            }
            this.checkInButton = openedCheckIn != null ? openedCheckIn : listener -> { };
            this.lamps = new GpioLamps(context, providers, config.lampPins(), scheduler, bus);
            this.microphone = new CaptureMicrophone(input);
            this.simulator = simulated
                    ? new SimulatorControls(button.logic(), openedCheckIn == null ? null : openedCheckIn.logic(),
                            scheduler, config, loudspeaker, lamps)
                    : null;
        } catch (RuntimeException e) {
            for (GpioButton opened : new GpioButton[] {openedButton, openedCheckIn}) {
                if (opened != null) {
                    opened.close();
                }
            }
            bus.close();
            throw e;
        }
    }

    /**
     * Closes this hardware when the JVM exits (SIGTERM from systemd, Ctrl-C), so the relay and lamps
     * go off even if the kiosk never calls {@link #close()}. {@code close()} removes the hook.
     */
    public synchronized void closeOnExit() {
        if (shutdownHook == null && !closed.get()) {
            shutdownHook = new Thread(this::close, "courtyard-hardware-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    @Override
    public Loudspeaker loudspeaker() {
        return loudspeaker;
    }

    @Override
    public HelpButton helpButton() {
        return button;
    }

    @Override
    public HelpButton checkInButton() {
        return checkInButton;
    }

    @Override
    public Lamps lamps() {
        return lamps;
    }

    @Override
    public Microphone microphone() {
        return microphone;
    }

    @Override
    public List<DeviceHealth> health() {
        String sim = simulated ? " (simulated)" : "";
        List<DeviceHealth> health = new ArrayList<>();
        health.add(loudspeaker.relayHealth("BCM " + config.relayPin() + ", active "
                + (config.relayActiveHigh() ? "high" : "low") + sim));
        health.add(loudspeaker.health());
        String wiring = ", pull " + config.buttonPull().name().toLowerCase(Locale.ROOT) + ", active "
                + (config.buttonActiveLow() ? "low" : "high") + sim;
        health.add(new DeviceHealth("help button", true, true, "BCM " + config.buttonPin() + wiring));
        if (config.checkInButtonPin() != null) {
            health.add(new DeviceHealth("check-in button", true, true, "BCM " + config.checkInButtonPin() + wiring));
        }
        health.add(lampHealth(sim));
        health.add(microphone.health());
        return health;
    }

    private DeviceHealth lampHealth(String sim) {
        if (!lamps.any()) {
            return new DeviceHealth("lamps", false, true, "no lamp pins configured");
        }
        StringJoiner pins = new StringJoiner(", ", "", sim);
        for (LampRole role : LampRole.values()) {
            Integer pin = config.lampPins().get(role);
            if (pin != null) {
                pins.add(role.label() + " BCM " + pin);
            }
        }
        return new DeviceHealth("lamps", true, true, pins.toString());
    }

    @Override
    public void addActionListener(Consumer<HardwareAction> listener) {
        bus.addListener(listener);
    }

    @Override
    public Optional<Simulator> simulator() {
        return Optional.ofNullable(simulator);
    }

    /**
     * Stops any play and switches the relay off first, then the lamps; closes an open capture;
     * delivers the action lines still queued (up to two seconds); shuts down the scheduler and the
     * Pi4J context. Closing twice is safe: the second call does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        removeShutdownHook();
        step("loudspeaker", loudspeaker::close);
        step("microphone", microphone::close);
        step("help button", button::close);
        if (checkInButton instanceof GpioButton gpio) {
            step("check-in button", gpio::close);
        }
        step("lamps", lamps::close);
        step("scheduler", scheduler::close);
        step("action listeners", bus::close);
        step("Pi4J context", context::shutdown);
    }

    private synchronized void removeShutdownHook() {
        if (shutdownHook == null || Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            log.debug("JVM already shutting down; its hook closes the hardware", e);
        }
    }

    private static void step(String what, Runnable closing) {
        try {
            closing.run();
        } catch (RuntimeException e) {
            log.error("closing the {} failed", what, e);
        }
    }
}
