package org.courtyard.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.courtyard.hardware.HardwareConfig.Mode;
import org.courtyard.hardware.HardwareConfig.Pull;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HardwareFactoryTest {

    private static final HardwareConfig FAST_SIM = HardwareConfig.defaults(Mode.SIM)
            .withDevices("none", "none")
            .withButton(27, Pull.UP, true, Duration.ofMillis(10), Duration.ofMillis(300))
            .withTiming(Duration.ZERO, Duration.ZERO);

    private Hardware hardware;

    @AfterEach
    void stop() {
        if (hardware != null) {
            hardware.close();
        }
    }

    @Test
    void sim_hardware_can_be_pressed_and_its_relay_and_lamps_watched() {
        hardware = HardwareFactory.create(FAST_SIM);
        List<String> lines = new CopyOnWriteArrayList<>();
        List<String> heard = new CopyOnWriteArrayList<>();
        hardware.addActionListener(action -> lines.add(action.line()));
        hardware.helpButton().addListener(new HelpButton.Listener() {
            @Override
            public void onPress() {
                heard.add("press");
            }

            @Override
            public void onLongPress() {
                heard.add("long-press");
            }
        });
        Simulator simulator = hardware.simulator().orElseThrow();

        simulator.pressButton();
        await().untilAsserted(() -> assertThat(heard).containsExactly("press"));
        simulator.longPressButton();
        await().untilAsserted(() -> assertThat(heard).containsExactly("press", "long-press"));

        hardware.lamps().set(LampRole.SENDING, LampState.BLINK);
        assertThat(simulator.lampState(LampRole.SENDING)).isEqualTo(LampState.BLINK);
        PlayResult result = hardware.loudspeaker().play(
                AudioClip.pcm("beep", Microphone.FORMAT, new byte[1_600]), Route.OUTDOOR, false);
        assertThat(result.played()).isTrue();
        assertThat(simulator.relayOn()).isFalse();

        await().untilAsserted(() -> assertThat(lines).containsExactly("button press", "button long-press",
                "lamp sending blink", "relay on", "audio start beep (50 ms)", "audio end beep PLAYED", "relay off"));
    }

    @Test
    void sim_without_sound_devices_plays_silently_and_says_so() {
        hardware = HardwareFactory.create(FAST_SIM);

        List<DeviceHealth> health = hardware.health();

        assertThat(health).filteredOn(device -> device.device().equals("loudspeaker")).singleElement()
                .satisfies(loudspeaker -> {
                    assertThat(loudspeaker.present()).isFalse();
                    assertThat(loudspeaker.detail()).contains("playing silently");
                });
        assertThat(health).filteredOn(device -> device.device().equals("microphone")).singleElement()
                .satisfies(microphone -> assertThat(microphone.detail()).contains("voice commands"));
        assertThat(health).filteredOn(device -> device.device().equals("relay")).singleElement()
                .satisfies(relay -> assertThat(relay.detail()).contains("BCM 17").contains("simulated"));
        assertThatThrownBy(() -> hardware.microphone().open()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("hardware.audio.input=none");
    }

    @Test
    void closing_twice_is_safe() {
        hardware = HardwareFactory.create(FAST_SIM);

        hardware.close();
        hardware.close();

        assertThatThrownBy(() -> hardware.loudspeaker().play(Tones.chime(), Route.INDOOR, false))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sim_without_the_mock_plugin_on_the_class_path_says_what_is_missing() {
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        thread.setContextClassLoader(new ClassLoader(original) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                List<URL> found = Collections.list(super.getResources(name));
                found.removeIf(url -> url.toString().contains("pi4j-plugin-mock"));
                return Collections.enumeration(found);
            }
        });
        try {
            assertThatThrownBy(() -> HardwareFactory.create(FAST_SIM))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("'mock-digital-output' not found")
                    .hasMessageContaining("pi4j-plugin-mock");
        } finally {
            thread.setContextClassLoader(original);
        }
    }

    @Test
    void pi_mode_off_a_raspberry_pi_fails_with_a_message_that_says_why() {
        assumeThat(Files.exists(Path.of("/dev/gpiochip0"))).as("runs only where there is no GPIO chip").isFalse();

        assertThatThrownBy(() -> HardwareFactory.create(HardwareConfig.defaults(Mode.PI).withDevices("none", "none")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gpiod-digital-output")
                .hasMessageContaining("Raspberry Pi")
                .hasMessageContaining("--hardware sim");
    }
}
