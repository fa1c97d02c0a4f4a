package org.courtyard.hardware.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutput;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.courtyard.hardware.DeviceHealth;
import org.courtyard.hardware.HardwareConfig;
import org.courtyard.hardware.HardwareConfig.Mode;
import org.courtyard.hardware.HelpButton;
import org.courtyard.hardware.LampRole;
import org.courtyard.hardware.LampState;
import org.courtyard.hardware.PlayResult;
import org.courtyard.hardware.PlayResult.Outcome;
import org.courtyard.hardware.Route;
import org.courtyard.hardware.Simulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KioskHardwareTest {

    private static final HardwareConfig CONFIG = HardwareConfig.defaults(Mode.SIM)
            .withTiming(Duration.ZERO, Duration.ZERO);

    private final Context context = MockGpio.context();
    private final ManualScheduler time = new ManualScheduler();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private KioskHardware hardware;

    @AfterEach
    void stop() {
        if (hardware != null) {
            hardware.close();
        }
    }

    private KioskHardware hardware(AudioOutput output, AudioInput input, boolean simulated) {
        hardware = new KioskHardware(CONFIG, context, MockGpio.PROVIDERS, output, input, time, Clock.systemUTC(),
                simulated);
        hardware.addActionListener(action -> lines.add(action.line()));
        return hardware;
    }

    @Test
    void shutdown_with_a_play_in_progress_leaves_the_relay_low() throws Exception {
        CapturingOutput sink = new CapturingOutput().blockingUntilAborted();
        KioskHardware kiosk = hardware(sink, new NoAudioInput("none"), false);
        MockDigitalOutput relay = MockGpio.output(context, Relay.IO_ID);
        CompletableFuture<PlayResult> play = CompletableFuture.supplyAsync(
                () -> kiosk.loudspeaker().play(TestClips.sine("notice", 16_000f, 1, 5_000), Route.OUTDOOR, true));
        await().until(() -> sink.writes() > 0);
        assertThat(relay.state()).isEqualTo(DigitalState.HIGH);

        kiosk.close();

        assertThat(play.get(5, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.INTERRUPTED);
        assertThat(relay.state()).isEqualTo(DigitalState.LOW);
        assertThat(lines).endsWith("audio end notice INTERRUPTED", "relay off");
        assertThat(context.isShutdown()).isTrue();
    }

    @Test
    void closing_twice_is_safe_and_leaves_everything_dark() {
        KioskHardware kiosk = hardware(new CapturingOutput(), new NoAudioInput("none"), false);
        kiosk.lamps().set(LampRole.LINK, LampState.BLINK);
        kiosk.lamps().set(LampRole.SENDING, LampState.ON);
        MockDigitalOutput link = MockGpio.output(context, GpioLamps.ioId(LampRole.LINK));
        MockDigitalOutput sending = MockGpio.output(context, GpioLamps.ioId(LampRole.SENDING));

        kiosk.close();
        kiosk.close();

        assertThat(link.state()).isEqualTo(DigitalState.LOW);
        assertThat(sending.state()).isEqualTo(DigitalState.LOW);
        assertThat(lines).containsExactly("lamp link blink", "lamp sending on", "lamp link off", "lamp sending off");
    }

    @Test
    void without_audio_devices_the_kiosk_runs_and_health_says_what_is_missing() {
        KioskHardware kiosk = hardware(new NoAudioOutput("no audio output device found; announcements cannot be heard"),
                new NoAudioInput("no audio input device found; voice commands and voice memos are off"), false);

        PlayResult result = kiosk.loudspeaker().play(TestClips.sine("notice", 16_000f, 1, 100), Route.OUTDOOR, false);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.detail()).contains("no audio output device found");
        assertThat(kiosk.microphone().available()).isFalse();
        List<DeviceHealth> health = kiosk.health();
        assertThat(health).extracting(DeviceHealth::device)
                .containsExactly("relay", "loudspeaker", "help button", "lamps", "microphone");
        assertThat(health).filteredOn(device -> !device.ok()).extracting(DeviceHealth::device)
                .containsExactly("loudspeaker", "microphone");
        assertThat(health).filteredOn(device -> device.device().equals("loudspeaker")).singleElement()
                .satisfies(loudspeaker -> assertThat(loudspeaker.detail()).isEqualTo(
                        "no audio output device found; announcements cannot be heard"));
    }

    @Test
    void the_simulator_press_goes_through_the_same_debounce_as_a_gpio_edge() {
        KioskHardware kiosk = hardware(new SilentOutput("silent"), new NoAudioInput("none"), true);
        List<String> heard = heard(kiosk.helpButton());
        Simulator simulator = kiosk.simulator().orElseThrow();

        simulator.pressButton();
        time.advance(Duration.ofMillis(199));
        assertThat(heard).isEmpty();
        time.advance(Duration.ofMillis(1));
        await().untilAsserted(() -> assertThat(heard).containsExactly("press"));

        simulator.longPressButton();
        time.advance(Duration.ofMillis(2_999));
        time.advance(Duration.ofMillis(1));
        await().untilAsserted(() -> assertThat(heard).containsExactly("press", "long-press"));
        time.advance(Duration.ofSeconds(5));
        // Listeners run on the action bus; closing delivers what is queued, so nothing more can come.
        kiosk.close();
        assertThat(heard).containsExactly("press", "long-press");
        assertThat(lines).containsExactly("button press", "button long-press");
    }

    @Test
    void a_simulated_short_press_stays_a_press_when_the_timer_thread_runs_late() {
        KioskHardware kiosk = hardware(new SilentOutput("silent"), new NoAudioInput("none"), true);
        List<String> heard = heard(kiosk.helpButton());

        kiosk.simulator().orElseThrow().pressButton();
        // A loaded machine: the hardware timer thread gets the CPU back only after the long-press
        // threshold, with the press's debounce, its release and the long-press timer all overdue.
        time.advanceLate(Duration.ofSeconds(4));
        time.advance(Duration.ofSeconds(1));

        await().untilAsserted(() -> assertThat(heard).containsExactly("press"));
        // The line comes before the listeners on the bus; closing delivers anything queued after them.
        kiosk.close();
        assertThat(lines).containsExactly("button press");
        assertThat(heard).containsExactly("press");
    }

    @Test
    void the_simulator_shows_the_relay_and_lamps_as_the_pins_are() {
        KioskHardware kiosk = hardware(new CapturingOutput(), new NoAudioInput("none"), true);
        Simulator simulator = kiosk.simulator().orElseThrow();

        kiosk.lamps().set(LampRole.ACKNOWLEDGED, LampState.ON);
        MockGpio.output(context, Relay.IO_ID).high();

        assertThat(simulator.lampState(LampRole.ACKNOWLEDGED)).isEqualTo(LampState.ON);
        assertThat(simulator.lampState(LampRole.LINK)).isEqualTo(LampState.OFF);
        assertThat(simulator.relayOn()).isTrue();
    }

    @Test
    void a_home_units_green_button_reports_its_own_presses_and_its_lamp_lights_its_pin() {
        hardware = new KioskHardware(HardwareConfig.homeDefaults(Mode.SIM).withTiming(Duration.ZERO, Duration.ZERO),
                context, MockGpio.PROVIDERS, new CapturingOutput(), new NoAudioInput("none"), time, Clock.systemUTC(),
                false);
        hardware.addActionListener(action -> lines.add(action.line()));
        List<String> green = heard(hardware.checkInButton());
        List<String> red = heard(hardware.helpButton());
        var pin = MockGpio.input(context, GpioButton.CHECK_IN_ID);

        time.advanceTo(0);
        pin.mockState(DigitalState.HIGH);
        time.advanceTo(100);
        pin.mockState(DigitalState.LOW);
        time.advanceTo(300);
        pin.mockState(DigitalState.HIGH);
        time.advanceTo(1_000);
        pin.mockState(DigitalState.LOW);
        time.advanceTo(4_100);
        hardware.lamps().set(LampRole.CHECKIN, LampState.ON);

        await().untilAsserted(() -> assertThat(green).containsExactly("press", "long-press"));
        assertThat(red).isEmpty();
        assertThat(MockGpio.output(context, GpioLamps.ioId(LampRole.CHECKIN)).state()).isEqualTo(DigitalState.HIGH);
        await().untilAsserted(() -> assertThat(lines).containsExactly("checkin-button press",
                "checkin-button long-press", "lamp checkin on"));
        assertThat(hardware.health()).extracting(DeviceHealth::device).contains("check-in button");
    }

    @Test
    void the_simulator_presses_the_green_button_of_a_home_unit_and_refuses_to_on_a_courtyard_kiosk() {
        hardware = new KioskHardware(HardwareConfig.homeDefaults(Mode.SIM), context, MockGpio.PROVIDERS,
                new SilentOutput("silent"), new NoAudioInput("none"), time, Clock.systemUTC(), true);
        List<String> green = heard(hardware.checkInButton());

        hardware.simulator().orElseThrow().pressCheckInButton();
        time.advance(Duration.ofSeconds(1));
        hardware.simulator().orElseThrow().longPressCheckInButton();
        time.advance(Duration.ofSeconds(4));

        await().untilAsserted(() -> assertThat(green).containsExactly("press", "long-press"));
        try (KioskHardware courtyard = new KioskHardware(CONFIG, MockGpio.context(), MockGpio.PROVIDERS,
                new SilentOutput("silent"), new NoAudioInput("none"), new ManualScheduler(), Clock.systemUTC(), true)) {
            assertThatThrownBy(() -> courtyard.simulator().orElseThrow().pressCheckInButton())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("hardware.checkin-button.pin");
        }
    }

    @Test
    void real_hardware_offers_no_simulator() {
        assertThat(hardware(new CapturingOutput(), new NoAudioInput("none"), false).simulator()).isEmpty();
    }

    /** What {@code button} reports from now on, in order: "press" or "long-press". */
    private static List<String> heard(HelpButton button) {
        List<String> heard = new CopyOnWriteArrayList<>();
        button.addListener(new HelpButton.Listener() {
            @Override
            public void onPress() {
                heard.add("press");
            }

            @Override
            public void onLongPress() {
                heard.add("long-press");
            }
        });
        return heard;
    }
}
