package org.courtyard.hardware.internal;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;

/** Pi4J contexts with only the mock GPIO providers, as a test's own fixture. */
final class MockGpio {

    static final GpioProviders PROVIDERS = new GpioProviders(MockDigitalOutputProvider.ID, MockDigitalInputProvider.ID);

    private MockGpio() {
    }

    static Context context() {
        return Pi4J.newContextBuilder()
                .add(MockDigitalOutputProvider.newInstance(), MockDigitalInputProvider.newInstance())
                .disableShutdownHook()
                .build();
    }

    static MockDigitalOutput output(Context context, String id) {
        return context.io(id, MockDigitalOutput.class);
    }

    static MockDigitalInput input(Context context, String id) {
        return context.io(id, MockDigitalInput.class);
    }
}
