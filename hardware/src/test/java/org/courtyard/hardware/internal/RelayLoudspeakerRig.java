package org.courtyard.hardware.internal;

import com.pi4j.context.Context;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutput;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.courtyard.hardware.HardwareConfig;
import org.courtyard.hardware.HardwareConfig.Mode;
import org.junit.jupiter.api.AfterEach;

/**
 * What the loudspeaker tests share: a relay on a mock GPIO pin, the action lines it and the
 * speaker report, a sound card that notes whether the relay was on for each frame, and the
 * speaker under test, closed after each test with the rest.
 */
abstract class RelayLoudspeakerRig {

    static final HardwareConfig NO_WAITS = HardwareConfig.defaults(Mode.SIM)
            .withTiming(Duration.ZERO, Duration.ZERO)
            .withVolume(1.0, 1.0);

    final Context context = MockGpio.context();
    final ActionBus bus = new ActionBus();
    final List<String> lines = new CopyOnWriteArrayList<>();
    final Relay relay = new Relay(context, MockGpio.PROVIDERS, 17, true, bus);
    final MockDigitalOutput relayPin = MockGpio.output(context, Relay.IO_ID);
    final CapturingOutput sink = new CapturingOutput().probing(relayPin::isHigh);
    RelayLoudspeaker speaker;

    RelayLoudspeakerRig() {
        bus.addListener(action -> lines.add(action.line()));
    }

    @AfterEach
    void stop() {
        if (speaker != null) {
            speaker.close();
        }
        bus.close();
        context.shutdown();
    }
}
