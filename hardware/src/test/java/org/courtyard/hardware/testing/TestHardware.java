package org.courtyard.hardware.testing;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.courtyard.hardware.Hardware;
import org.courtyard.hardware.HardwareConfig;
import org.courtyard.hardware.internal.ActionBus;
import org.courtyard.hardware.internal.ExecutorScheduler;
import org.courtyard.hardware.internal.GpioProviders;
import org.courtyard.hardware.internal.KioskHardware;
import org.courtyard.hardware.internal.Scheduler;

/**
 * The real kiosk hardware for another module's tests, with what a test needs to see and drive:
 * the relay on Pi4J's mock GPIO (read it with {@code hardware.simulator().relayOn()}), the real
 * loudspeaker sequence writing into a {@link RecordingOutput}, and a {@link SpokenInput} as the
 * microphone. Only the sound card and the microphone are stand-ins.
 *
 * <p>Action lines reach {@link Hardware#addActionListener listeners} on the hardware's own ordered
 * thread, so a line may arrive after the call that caused it has returned: a test reading its
 * list of lines first {@linkplain #awaitActionsDelivered() waits for the bus} (for what was
 * emitted by then) or awaits the exact lines it expects.
 */
public final class TestHardware {

    private static final Duration DELIVERY = Duration.ofSeconds(10);

    private final Hardware hardware;
    private final RecordingOutput speaker;
    private final SpokenInput microphone;
    private final ActionBus bus;

    private TestHardware(Hardware hardware, RecordingOutput speaker, SpokenInput microphone, ActionBus bus) {
        this.hardware = hardware;
        this.speaker = speaker;
        this.microphone = microphone;
        this.bus = bus;
    }

    /** Simulated hardware ({@code simulator()} present) wired and tuned as {@code config} says. */
    public static TestHardware create(HardwareConfig config) {
        Context context = Pi4J.newContextBuilder()
                .add(MockDigitalOutputProvider.newInstance(), MockDigitalInputProvider.newInstance())
                .disableShutdownHook()
                .build();
        RecordingOutput speaker = new RecordingOutput();
        SpokenInput microphone = new SpokenInput();
        Scheduler scheduler = new ExecutorScheduler("test-hardware-timer");
        ActionBus bus = new ActionBus();
        try {
            Hardware hardware = new KioskHardware(config, context,
                    new GpioProviders(MockDigitalOutputProvider.ID, MockDigitalInputProvider.ID), speaker, microphone,
                    scheduler, bus, Clock.systemUTC(), true);
            return new TestHardware(hardware, speaker, microphone, bus);
        } catch (RuntimeException e) {
            scheduler.close();
            context.shutdown();
            throw e;
        }
    }

    /** The hardware to give the code under test; closing it closes everything. */
    public Hardware hardware() {
        return hardware;
    }

    /** Every byte the loudspeaker played. */
    public RecordingOutput speaker() {
        return speaker;
    }

    /** What the microphone hears. */
    public SpokenInput microphone() {
        return microphone;
    }

    /**
     * Returns once every action line emitted before this call has reached the action listeners
     * (the bus delivers in order, so a task queued behind them runs after them). A line emitted
     * later, by a play still in progress for instance, is not waited for: await that line itself.
     *
     * @throws AssertionError if the bus does not get there within ten seconds, or the hardware is
     *     closed (closing delivered what was queued; nothing is delivered after it)
     */
    public void awaitActionsDelivered() {
        CountDownLatch delivered = new CountDownLatch(1);
        bus.run(delivered::countDown);
        try {
            if (!delivered.await(DELIVERY.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the hardware's action bus did not deliver the lines emitted so far within "
                        + DELIVERY.toSeconds() + " s (is the hardware closed?)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the action bus", e);
        }
    }
}
