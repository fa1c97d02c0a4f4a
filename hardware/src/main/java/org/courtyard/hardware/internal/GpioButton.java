package org.courtyard.hardware.internal;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.courtyard.hardware.HardwareConfig;
import org.courtyard.hardware.HelpButton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A push button on a GPIO input: the red help button (Pi4J id {@value #HELP_ID}, action lines
 * {@code button press} / {@code button long-press}) or a home unit's green 报平安 button
 * ({@value #CHECK_IN_ID}, {@code checkin-button press} / {@code checkin-button long-press}). Both
 * share the configured pull, polarity, debounce and long-press time. Pi4J's own debounce is
 * switched off: {@link ButtonLogic} debounces, so that a real edge and a simulated press are
 * treated alike.
 */
public final class GpioButton implements HelpButton, AutoCloseable {

    /** The help button's Pi4J id. */
    public static final String HELP_ID = "help-button";
    /** The 报平安 button's Pi4J id. */
    public static final String CHECK_IN_ID = "checkin-button";

    private static final Logger log = LoggerFactory.getLogger(GpioButton.class);

    private final String name;
    private final DigitalInput input;
    private final boolean activeLow;
    private final Scheduler scheduler;
    private final ActionBus bus;
    private final ButtonLogic logic;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** The help button on {@code config.buttonPin()}. */
    public static GpioButton help(Context context, GpioProviders providers, HardwareConfig config, Scheduler scheduler,
            ActionBus bus) {
        return new GpioButton(context, providers, config, config.buttonPin(), HELP_ID, "help button", "button",
                scheduler, bus);
    }

    /**
     * The 报平安 button on {@code config.checkInButtonPin()}.
     *
     * @throws IllegalArgumentException if the configuration has no such button
     */
    public static GpioButton checkIn(Context context, GpioProviders providers, HardwareConfig config,
            Scheduler scheduler, ActionBus bus) {
        if (config.checkInButtonPin() == null) {
            throw new IllegalArgumentException("no check-in button pin configured");
        }
        return new GpioButton(context, providers, config, config.checkInButtonPin(), CHECK_IN_ID, "check-in button",
                "checkin-button", scheduler, bus);
    }

    private GpioButton(Context context, GpioProviders providers, HardwareConfig config, int pin, String ioId,
            String name, String linePrefix, Scheduler scheduler, ActionBus bus) {
        this.name = name;
        this.activeLow = config.buttonActiveLow();
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.logic = new ButtonLogic(config.debounce(), config.longPress(), scheduler, new ButtonLogic.Listener() {
            @Override
            public void press() {
                report(linePrefix + " press", Listener::onPress);
            }

            @Override
            public void longPress() {
                report(linePrefix + " long-press", Listener::onLongPress);
            }
        });
        this.input = Gpio.open(name, pin, providers.digitalInput(),
                () -> context.create(DigitalInput.newConfigBuilder(context)
                        .id(ioId)
                        .name(name)
                        .address(pin)
                        .pull(pull(config.buttonPull()))
                        .debounce(0L)
                        .provider(providers.digitalInput())
                        .build()));
        input.addListener(event -> edge(event.state()));
    }

    private static PullResistance pull(HardwareConfig.Pull pull) {
        return switch (pull) {
            case UP -> PullResistance.PULL_UP;
            case DOWN -> PullResistance.PULL_DOWN;
            case OFF -> PullResistance.OFF;
        };
    }

    private void edge(DigitalState level) {
        if (level == DigitalState.UNKNOWN) {
            log.debug("{} reported an unknown level; ignored", name);
            return;
        }
        boolean pressed = activeLow ? level == DigitalState.LOW : level == DigitalState.HIGH;
        logic.edge(pressed, scheduler.nanoTime());
    }

    private void report(String line, Consumer<Listener> call) {
        bus.emit(line);
        bus.run(() -> {
            for (Listener listener : listeners) {
                try {
                    call.accept(listener);
                } catch (RuntimeException e) {
                    log.warn("{} listener failed", name, e);
                }
            }
        });
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The debounce and long-press logic, for the simulator to feed. */
    ButtonLogic logic() {
        return logic;
    }

    /** Stops the timers; the input itself is released with the Pi4J context. */
    @Override
    public void close() {
        logic.stop();
    }
}
