package org.courtyard.hardware;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a kiosk's hardware is wired and tuned. Pins are BCM numbers. {@code outputDevice} and
 * {@code inputDevice} name a javax.sound mixer (a substring of its name is enough); null means the
 * system default, and {@code "none"} means no device (in {@code sim}, a silent sink that still
 * paces and counts the bytes). {@code checkInButtonPin} is a home unit's green 报平安 button, null
 * on a courtyard kiosk, which has none; it is debounced and timed like the help button. Use
 * {@link #defaults(Mode)} or {@link #homeDefaults(Mode)} and the {@code with…} methods.
 */
public record HardwareConfig(
        Mode mode,
        int relayPin,
        boolean relayActiveHigh,
        int buttonPin,
        Pull buttonPull,
        boolean buttonActiveLow,
        Duration debounce,
        Duration longPress,
        Map<LampRole, Integer> lampPins,
        String outputDevice,
        String inputDevice,
        Duration warmUp,
        Duration tail,
        double volume,
        double volumeCap,
        Integer checkInButtonPin) {

    /** Which implementation {@link HardwareFactory} builds. */
    public enum Mode {
        /** A Raspberry Pi 4 or 5: Pi4J with the gpiod provider, the Pi's sound devices. */
        PI,
        /** Any PC or CI machine: Pi4J's mock plugin, the PC's sound card or a silent sink. */
        SIM
    }

    /** The button's internal pull resistor. */
    public enum Pull {
        UP,
        DOWN,
        OFF
    }

    public HardwareConfig {
        Objects.requireNonNull(mode, "mode");
        requirePin(relayPin, "relayPin");
        requirePin(buttonPin, "buttonPin");
        Objects.requireNonNull(buttonPull, "buttonPull");
        requirePositive(debounce, "debounce");
        requirePositive(longPress, "longPress");
        if (longPress.compareTo(debounce) <= 0) {
            throw new IllegalArgumentException("longPress must be longer than debounce");
        }
        lampPins = lampPins == null ? Map.of() : Map.copyOf(lampPins);
        lampPins.forEach((role, pin) -> requirePin(pin, "lampPins." + role.label()));
        Objects.requireNonNull(warmUp, "warmUp");
        Objects.requireNonNull(tail, "tail");
        if (warmUp.isNegative() || tail.isNegative()) {
            throw new IllegalArgumentException("warmUp and tail must not be negative");
        }
        // Written so that NaN fails too.
        if (!(volumeCap > 0 && volumeCap <= 1)) {
            throw new IllegalArgumentException("volumeCap must be in (0, 1], was " + volumeCap);
        }
        if (!(volume >= 0 && volume <= 1)) {
            throw new IllegalArgumentException("volume must be in [0, 1], was " + volume);
        }
        if (checkInButtonPin != null) {
            requirePin(checkInButtonPin, "checkInButtonPin");
        }
        requireDistinctPins(relayPin, buttonPin, checkInButtonPin, lampPins);
    }

    /**
     * The documented defaults: relay on BCM 17 (active high), button on BCM 27 with pull-up,
     * active low, 50 ms debounce, 3 s long press, lamps link/sending/acknowledged on BCM 22/23/24,
     * default sound devices, 1.5 s warm-up, 1 s tail, volume 0.8 capped at 1.0.
     */
    public static HardwareConfig defaults(Mode mode) {
        Map<LampRole, Integer> lamps = new EnumMap<>(LampRole.class);
        lamps.put(LampRole.LINK, 22);
        lamps.put(LampRole.SENDING, 23);
        lamps.put(LampRole.ACKNOWLEDGED, 24);
        return new HardwareConfig(mode, 17, true, 27, Pull.UP, true, Duration.ofMillis(50), Duration.ofSeconds(3),
                lamps, null, null, Duration.ofMillis(1500), Duration.ofSeconds(1), 0.8, 1.0, null);
    }

    /**
     * A home unit's defaults: those of {@link #defaults(Mode)}, with the green 报平安 button on BCM
     * 5 and its lamp (the button's own light) on BCM 6. The relay pin drives the amplifier's enable
     * input (an I2S amplifier's SD pin); with a USB speaker it is left unconnected.
     */
    public static HardwareConfig homeDefaults(Mode mode) {
        HardwareConfig defaults = defaults(mode);
        Map<LampRole, Integer> lamps = new EnumMap<>(LampRole.class);
        lamps.putAll(defaults.lampPins());
        lamps.put(LampRole.CHECKIN, 6);
        return defaults.withLamps(lamps).withCheckInButton(5);
    }

    /** The green 报平安 button on BCM {@code pin}; null for none. */
    public HardwareConfig withCheckInButton(Integer pin) {
        return new HardwareConfig(mode, relayPin, relayActiveHigh, buttonPin, buttonPull, buttonActiveLow, debounce,
                longPress, lampPins, outputDevice, inputDevice, warmUp, tail, volume, volumeCap, pin);
    }

    public HardwareConfig withDevices(String output, String input) {
        return new HardwareConfig(mode, relayPin, relayActiveHigh, buttonPin, buttonPull, buttonActiveLow, debounce,
                longPress, lampPins, output, input, warmUp, tail, volume, volumeCap, checkInButtonPin);
    }

    public HardwareConfig withTiming(Duration warmUp, Duration tail) {
        return new HardwareConfig(mode, relayPin, relayActiveHigh, buttonPin, buttonPull, buttonActiveLow, debounce,
                longPress, lampPins, outputDevice, inputDevice, warmUp, tail, volume, volumeCap, checkInButtonPin);
    }

    public HardwareConfig withButton(int pin, Pull pull, boolean activeLow, Duration debounce, Duration longPress) {
        return new HardwareConfig(mode, relayPin, relayActiveHigh, pin, pull, activeLow, debounce, longPress,
                lampPins, outputDevice, inputDevice, warmUp, tail, volume, volumeCap, checkInButtonPin);
    }

    public HardwareConfig withRelay(int pin, boolean activeHigh) {
        return new HardwareConfig(mode, pin, activeHigh, buttonPin, buttonPull, buttonActiveLow, debounce, longPress,
                lampPins, outputDevice, inputDevice, warmUp, tail, volume, volumeCap, checkInButtonPin);
    }

    public HardwareConfig withLamps(Map<LampRole, Integer> pins) {
        return new HardwareConfig(mode, relayPin, relayActiveHigh, buttonPin, buttonPull, buttonActiveLow, debounce,
                longPress, pins, outputDevice, inputDevice, warmUp, tail, volume, volumeCap, checkInButtonPin);
    }

    public HardwareConfig withVolume(double volume, double cap) {
        return new HardwareConfig(mode, relayPin, relayActiveHigh, buttonPin, buttonPull, buttonActiveLow, debounce,
                longPress, lampPins, outputDevice, inputDevice, warmUp, tail, volume, cap, checkInButtonPin);
    }

    private static void requireDistinctPins(int relayPin, int buttonPin, Integer checkInButtonPin,
            Map<LampRole, Integer> lampPins) {
        Map<Integer, String> used = new HashMap<>();
        used.put(relayPin, "relayPin");
        claim(used, buttonPin, "buttonPin");
        if (checkInButtonPin != null) {
            claim(used, checkInButtonPin, "checkInButtonPin");
        }
        for (LampRole role : LampRole.values()) {
            Integer pin = lampPins.get(role);
            if (pin != null) {
                claim(used, pin, "lampPins." + role.label());
            }
        }
    }

    private static void claim(Map<Integer, String> used, int pin, String field) {
        String other = used.putIfAbsent(pin, field);
        if (other != null) {
            throw new IllegalArgumentException(field + " uses BCM " + pin + ", which " + other + " already uses");
        }
    }

    private static void requirePin(int pin, String field) {
        if (pin < 0 || pin > 27) {
            throw new IllegalArgumentException(field + " must be a BCM GPIO number 0..27, was " + pin);
        }
    }

    private static void requirePositive(Duration value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
    }
}
