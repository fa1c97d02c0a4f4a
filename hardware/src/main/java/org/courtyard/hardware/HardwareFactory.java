package org.courtyard.hardware;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.courtyard.hardware.internal.AudioInput;
import org.courtyard.hardware.internal.AudioOutput;
import org.courtyard.hardware.internal.ExecutorScheduler;
import org.courtyard.hardware.internal.GpioProviders;
import org.courtyard.hardware.internal.JavaSoundInput;
import org.courtyard.hardware.internal.JavaSoundOutput;
import org.courtyard.hardware.internal.KioskHardware;
import org.courtyard.hardware.internal.NoAudioInput;
import org.courtyard.hardware.internal.NoAudioOutput;
import org.courtyard.hardware.internal.Scheduler;
import org.courtyard.hardware.internal.SilentOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides between a real Raspberry Pi and the simulation. Nothing else in the
 * kiosk asks "am I on a Pi?".
 *
 * <ul>
 *   <li>{@link HardwareConfig.Mode#PI}: a Pi4J context with the gpiod providers
 *       ({@value #GPIOD_OUTPUT}, {@value #GPIOD_INPUT}), which work on the Pi 4 and the Pi 5; the
 *       Pi's sound devices. A missing sound device is reported in {@link Hardware#health()} and
 *       every play then fails with the reason; the kiosk keeps running.
 *   <li>{@link HardwareConfig.Mode#SIM}: a Pi4J context with the mock plugin, found at run time
 *       through the service loader ({@value #MOCK_OUTPUT}, {@value #MOCK_INPUT}); the PC's sound
 *       card, or a silent sink that plays at real speed when there is none; a {@link Simulator}.
 * </ul>
 */
public final class HardwareFactory {

    static final String GPIOD_OUTPUT = "gpiod-digital-output";
    static final String GPIOD_INPUT = "gpiod-digital-input";
    static final String MOCK_OUTPUT = "mock-digital-output";
    static final String MOCK_INPUT = "mock-digital-input";

    private static final Logger log = LoggerFactory.getLogger(HardwareFactory.class);
    private static final String NONE = "none";

    private HardwareFactory() {
    }

    /**
     * Opens every device. The hardware closes itself when the JVM exits, so the relay is off even if
     * the kiosk is killed; closing it earlier is still the kiosk's job.
     *
     * @throws IllegalStateException if the GPIO pins cannot be opened (in {@code pi}: not a Pi 4 or
     *     5, no access to {@code /dev/gpiochip*}, a pin in use; in {@code sim}: pi4j-plugin-mock is
     *     not on the class path), with a message saying what is missing
     */
    public static Hardware create(HardwareConfig config) {
        Objects.requireNonNull(config, "config");
        return switch (config.mode()) {
            case PI -> createPi(config);
            case SIM -> createSim(config);
        };
    }

    private static Hardware createPi(HardwareConfig config) {
        // Pi4J 2.8.0 detects mock plugins by default only off a Raspberry Pi. On a Pi it ignores the
        // pi4j-plugin-mock the kiosk jar carries for sim, and gpiod's GPIO providers (priority 150)
        // win over the raspberrypi plugin's. Off a Pi the mock providers (priority 1000) would win:
        // then gpiod's ids are not registered and requireProviders fails instead of running on mocks.
        Context context = build(() -> Pi4J.newContextBuilder().autoDetect().disableShutdownHook().build(),
                "Pi4J with the gpiod plugin");
        GpioProviders providers = new GpioProviders(GPIOD_OUTPUT, GPIOD_INPUT);
        requireProviders(context, providers, "Pi4J registers it only on a board it recognises as a Raspberry Pi"
                + " (Pi4J 2.8.0 knows the Pi 4 and Pi 5) and with pi4j-plugin-gpiod on the class path. On a PC use"
                + " --hardware sim");
        try {
            return assemble(config, context, providers, output(config.outputDevice(), false),
                    input(config.inputDevice()), false);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + ". Is this a Raspberry Pi 4 or 5 with /dev/gpiochip*,"
                    + " may this user open it (group gpio), and is no other program using the pin? On a PC use"
                    + " --hardware sim.", e);
        }
    }

    private static Hardware createSim(HardwareConfig config) {
        // Platforms are auto-detected only because Pi4J scans for plugins solely when platform or
        // provider detection is on; with provider detection off, only the mock plugin's providers
        // are registered.
        Context context = build(() -> Pi4J.newContextBuilder()
                .autoDetectPlatforms()
                .noAutoDetectProviders()
                .autoDetectMockPlugins()
                .disableShutdownHook()
                .build(), "Pi4J with the mock plugin");
        GpioProviders providers = new GpioProviders(MOCK_OUTPUT, MOCK_INPUT);
        requireProviders(context, providers,
                "sim needs pi4j-plugin-mock on the run-time class path (the kiosk has it at runtime scope)");
        return assemble(config, context, providers, output(config.outputDevice(), true), input(config.inputDevice()),
                true);
    }

    private interface ContextSupplier {
        Context get();
    }

    private static Context build(ContextSupplier supplier, String what) {
        try {
            return supplier.get();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot start " + what + ": " + e.getMessage(), e);
        }
    }

    private static void requireProviders(Context context, GpioProviders providers, String hint) {
        for (String id : List.of(providers.digitalOutput(), providers.digitalInput())) {
            if (!context.hasProvider(id)) {
                shutdown(context);
                throw new IllegalStateException("Pi4J provider '" + id + "' not found: " + hint);
            }
        }
    }

    private static Hardware assemble(HardwareConfig config, Context context, GpioProviders providers,
            AudioOutput output, AudioInput input, boolean simulated) {
        Scheduler scheduler = new ExecutorScheduler("courtyard-hardware-timer");
        KioskHardware hardware;
        try {
            hardware = new KioskHardware(config, context, providers, output, input, scheduler, Clock.systemUTC(),
                    simulated);
        } catch (RuntimeException e) {
            scheduler.close();
            shutdown(context);
            throw e;
        }
        hardware.closeOnExit();
        hardware.health().stream().filter(health -> !health.ok())
                .forEach(health -> log.warn("{}: {}", health.device(), health.detail()));
        return hardware;
    }

    private static AudioOutput output(String device, boolean simulated) {
        if (NONE.equalsIgnoreCase(device)) {
            return simulated
                    ? new SilentOutput("no audio output (hardware.audio.output=none); playing silently at real speed")
                    : new NoAudioOutput("audio output switched off (hardware.audio.output=none);"
                            + " announcements cannot be heard");
        }
        Optional<JavaSoundOutput> found = JavaSoundOutput.find(device);
        if (found.isPresent()) {
            return found.get();
        }
        String missing = (device == null ? "no audio output device found"
                : "no audio output device matching '" + device + "'") + seen(JavaSoundOutput.available());
        return simulated
                ? new SilentOutput(missing + "; playing silently at real speed")
                : new NoAudioOutput(missing + "; announcements cannot be heard");
    }

    private static AudioInput input(String device) {
        if (NONE.equalsIgnoreCase(device)) {
            return new NoAudioInput("audio input switched off (hardware.audio.input=none);"
                    + " voice commands and voice memos are off");
        }
        Optional<JavaSoundInput> found = JavaSoundInput.find(device);
        if (found.isPresent()) {
            return found.get();
        }
        return new NoAudioInput((device == null ? "no audio input device found"
                : "no audio input device matching '" + device + "'") + seen(JavaSoundInput.available())
                + "; voice commands and voice memos are off");
    }

    private static String seen(List<String> names) {
        return names.isEmpty() ? "" : " (devices seen: " + String.join(", ", names) + ")";
    }

    private static void shutdown(Context context) {
        try {
            context.shutdown();
        } catch (RuntimeException e) {
            log.warn("shutting down the Pi4J context failed", e);
        }
    }
}
