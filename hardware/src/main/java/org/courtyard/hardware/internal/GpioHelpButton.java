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
 * The help button on a GPIO input (Pi4J id {@value #IO_ID}). Pi4J's own debounce is switched off:
 * {@link ButtonLogic} debounces, so that a real edge and a simulated press are treated alike.
 */
public final class GpioHelpButton implements HelpButton, AutoCloseable {

    public static final String IO_ID = "help-button";

    private static final Logger log = LoggerFactory.getLogger(GpioHelpButton.class);

    private final DigitalInput input;
    private final boolean activeLow;
    private final Scheduler scheduler;
    private final ActionBus bus;
    private final ButtonLogic logic;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public GpioHelpButton(Context context, GpioProviders providers, HardwareConfig config, Scheduler scheduler,
            ActionBus bus) {
        this.activeLow = config.buttonActiveLow();
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.logic = new ButtonLogic(config.debounce(), config.longPress(), scheduler, new ButtonLogic.Listener() {
            @Override
            public void press() {
                report("button press", Listener::onPress);
            }

            @Override
            public void longPress() {
                report("button long-press", Listener::onLongPress);
            }
        });
        this.input = Gpio.open("help button", config.buttonPin(), providers.digitalInput(),
                () -> context.create(DigitalInput.newConfigBuilder(context)
                        .id(IO_ID)
                        .name("help button")
                        .address(config.buttonPin())
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
            log.debug("help button reported an unknown level; ignored");
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
                    log.warn("help button listener failed", e);
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
