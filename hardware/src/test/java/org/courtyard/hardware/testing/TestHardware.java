package org.courtyard.hardware.testing;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.time.Clock;
import org.courtyard.hardware.Hardware;
import org.courtyard.hardware.HardwareConfig;
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
 * @param hardware the hardware to give the code under test; closing it closes everything
 * @param speaker every byte the loudspeaker played
 * @param microphone what the microphone hears
 */
public record TestHardware(Hardware hardware, RecordingOutput speaker, SpokenInput microphone) {

    /** Simulated hardware ({@code simulator()} present) wired and tuned as {@code config} says. */
    public static TestHardware create(HardwareConfig config) {
        Context context = Pi4J.newContextBuilder()
                .add(MockDigitalOutputProvider.newInstance(), MockDigitalInputProvider.newInstance())
                .disableShutdownHook()
                .build();
        RecordingOutput speaker = new RecordingOutput();
        SpokenInput microphone = new SpokenInput();
        Scheduler scheduler = new ExecutorScheduler("test-hardware-timer");
        try {
            Hardware hardware = new KioskHardware(config, context,
                    new GpioProviders(MockDigitalOutputProvider.ID, MockDigitalInputProvider.ID), speaker, microphone,
                    scheduler, Clock.systemUTC(), true);
            return new TestHardware(hardware, speaker, microphone);
        } catch (RuntimeException e) {
            scheduler.close();
            context.shutdown();
            throw e;
        }
    }
}
