package org.courtyard.kiosk;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.courtyard.hardware.HardwareConfig;
import org.courtyard.hardware.LampRole;
import org.courtyard.kiosk.announce.AnnounceSettings;
import org.courtyard.kiosk.announce.QuietHours;
import org.courtyard.kiosk.enrol.Credentials;
import org.courtyard.kiosk.health.HealthSettings;
import org.courtyard.kiosk.help.HelpController;
import org.courtyard.kiosk.home.HomeSettings;
import org.courtyard.kiosk.net.HubTls;
import org.courtyard.kiosk.sync.SyncService;
import org.courtyard.kiosk.voice.VoiceSettings;

/**
 * The kiosk's configuration, from the command line and optionally a properties file
 * ({@code --config FILE}); a command-line value wins over the file. Every problem is an
 * {@link IllegalArgumentException} naming the option.
 *
 * <p>The kiosk's id and token come from {@code --kiosk-id} and {@code --token} (both or neither),
 * else from the credentials enrolment saved in {@code DATA/credentials.properties}. With neither,
 * the configuration is <em>not enrolled</em> ({@link #enrolled()} false, {@code hub} possibly null):
 * the kiosk shows its first-run screen, or headless reads {@code enrol URL CODE}, and continues
 * with {@link #withCredentials}.
 *
 * <p>{@code --profile home} makes a home unit ({@link HomeUnit}): always headless, with the home
 * unit's defaults where they differ from a courtyard kiosk's (the green button and its lamp, no
 * courtyard alarm on a help request, always-on listening for 救命 and 帮帮我, emergencies only from
 * the announcements) and its {@code home.*} keys.
 *
 * @param tls how the hub's certificate is checked and whether plain HTTP is allowed
 * @param health where temperature and the UPS's power state are read
 * @param profile a courtyard kiosk or a home unit ({@code --profile})
 * @param home a home unit's check-in lamp, reminders and spoken name ({@code home.*})
 */
public record KioskConfig(URI hub, String kioskId, String token, Path dataDir, HardwareConfig hardware,
        boolean headless, Path voiceModel, Path phrasesFile, HelpController.Settings help,
        SyncService.Settings sync, Duration idleHome, VoiceSettings voice, AnnounceSettings announce, HubTls tls,
        HealthSettings health, Profile profile, HomeSettings home) {

    /** Options that take a value, as {@code --name VALUE} or {@code name=VALUE} in the file. */
    private static final Set<String> VALUE_OPTIONS = Set.of("hub", "kiosk-id", "token", "data", "hardware",
            "voice-model", "config", "profile");
    /** Options without a value, as {@code --name} or {@code name=true} in the file. */
    private static final Set<String> FLAG_OPTIONS = Set.of("headless", "allow-insecure-http");

    public static final String USAGE = """
            Usage: java -jar courtyard-kiosk.jar --hub URL --kiosk-id ID --token TOKEN --data DIR
                                                 --hardware sim|pi [--headless] [--voice-model DIR]
                                                 [--profile courtyard|home] [--config FILE]
                                                 [--allow-insecure-http]
                   java -jar courtyard-kiosk.jar [--hub URL] --data DIR --hardware sim|pi ...
                                                 (not enrolled yet, or enrolled before)
              --hub URL          the township hub, e.g. https://hub.example:8443; plain http://
                                 only to 127.0.0.1 unless --allow-insecure-http
              --kiosk-id ID      this kiosk's id on the hub; with --token, or neither: then the
                                 credentials saved by enrolment in DATA are used, or the kiosk
                                 asks for the hub and an enrolment code (first-run screen, or
                                 'enrol URL CODE' on stdin when headless)
              --token TOKEN      this kiosk's secret token from the hub
              --data DIR         where the kiosk keeps its database and downloaded audio
              --hardware MODE    pi (GPIO and sound of a Raspberry Pi) or sim (simulated, for PCs)
              --profile PROFILE  courtyard (the default: the village's touch-screen kiosk) or
                                 home (a home unit bound to one resident: a red 求助 and a green
                                 报平安 button, a speaker, no screen; always headless)
              --headless         no screen; with --hardware sim, commands are read from stdin:
                                 press, long-press, say TEXT, residents, checkin NAME, who NAME,
                                 messages NAME, listen NAME, status, quit (a home unit:
                                 press, long-press, checkin, long-checkin, say TEXT, status,
                                 quit)
              --voice-model DIR  a Vosk model folder; without it voice commands are off
              --allow-insecure-http
                                 allow a plain http:// hub on another machine (test networks only)
              --config FILE      a properties file with any of the keys above (without --) and
                                 the tuning keys in docs/operator-guide.md; the command line wins
              --help             this text
            """;

    /** Parses the command line (and the file it names). */
    public static KioskConfig parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            if (FLAG_OPTIONS.contains(name)) {
                values.put(name, "true");
            } else if (VALUE_OPTIONS.contains(name)) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new IllegalArgumentException("option --" + name + " needs a value");
                }
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        Map<String, String> merged = new LinkedHashMap<>();
        if (values.containsKey("config")) {
            merged.putAll(readFile(Path.of(values.get("config"))));
        }
        merged.putAll(values);
        return from(merged);
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("--config: cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> out.put(key.trim(), properties.getProperty(key).trim()));
        return out;
    }

    static KioskConfig from(Map<String, String> v) {
        Path data = Path.of(required(v, "data"));
        HubTls tls = HubTls.of(v.containsKey(HubTls.CA_FILE_KEY) ? Path.of(v.get(HubTls.CA_FILE_KEY)) : null,
                v.get(HubTls.PIN_KEY),
                bool(v, "allow-insecure-http", false) || bool(v, HubTls.INSECURE_HTTP_KEY, false));
        URI hub = optional(v, "hub") == null ? null : tls.checkHub(hubUri(v.get("hub")), "--hub");
        String kioskId = optional(v, "kiosk-id");
        String token = optional(v, "token");
        if ((kioskId == null) != (token == null)) {
            throw new IllegalArgumentException((kioskId == null ? "--token given without --kiosk-id" : "--kiosk-id given"
                    + " without --token") + ": give both, or neither to use the credentials enrolment saved in "
                    + Credentials.file(data) + " (or to enrol this kiosk)");
        }
        if (kioskId == null) {
            Optional<Credentials> saved = Credentials.load(data);
            if (saved.isPresent()) {
                kioskId = saved.get().kioskId();
                token = saved.get().token();
                hub = hub != null ? hub
                        : tls.checkHub(saved.get().hub(), "the hub saved in " + Credentials.file(data));
            }
        }
        if (kioskId != null && hub == null) {
            throw new IllegalArgumentException("missing required option --hub");
        }
        HardwareConfig.Mode mode = switch (required(v, "hardware").toLowerCase(Locale.ROOT)) {
            case "pi" -> HardwareConfig.Mode.PI;
            case "sim" -> HardwareConfig.Mode.SIM;
            default -> throw new IllegalArgumentException("--hardware must be 'pi' or 'sim', was '"
                    + v.get("hardware") + "'");
        };
        Profile profile = v.containsKey("profile") ? Profile.parse(v.get("profile")) : Profile.COURTYARD;
        boolean home = profile == Profile.HOME;
        boolean headless = home || bool(v, "headless", false);
        Path voiceModel = v.containsKey("voice-model") ? Path.of(v.get("voice-model")) : null;
        Path phrases = v.containsKey("voice.phrases") ? Path.of(v.get("voice.phrases")) : null;

        HardwareConfig defaults = home ? HardwareConfig.homeDefaults(mode) : HardwareConfig.defaults(mode);
        Map<LampRole, Integer> lamps = new EnumMap<>(LampRole.class);
        for (LampRole role : LampRole.values()) {
            String key = "hardware.lamp." + role.label() + ".pin";
            if ("none".equalsIgnoreCase(v.getOrDefault(key, "").trim())) {
                continue;
            }
            Integer pin = v.containsKey(key) ? Integer.valueOf(integer(v, key, 0)) : defaults.lampPins().get(role);
            if (pin != null) {
                lamps.put(role, pin);
            }
        }
        HardwareConfig hardware;
        try {
            hardware = defaults
                    .withRelay(integer(v, "hardware.relay.pin", defaults.relayPin()),
                            bool(v, "hardware.relay.active-high", defaults.relayActiveHigh()))
                    .withButton(integer(v, "hardware.button.pin", defaults.buttonPin()),
                            pull(v.getOrDefault("hardware.button.pull", defaults.buttonPull().name())),
                            bool(v, "hardware.button.active-low", defaults.buttonActiveLow()),
                            millis(v, "hardware.button.debounce-ms", defaults.debounce()),
                            millis(v, "hardware.button.long-press-ms", defaults.longPress()))
                    .withLamps(lamps)
                    .withCheckInButton(optionalPin(v, "hardware.checkin-button.pin", defaults.checkInButtonPin()))
                    .withDevices(v.getOrDefault("hardware.audio.output", defaults.outputDevice()),
                            v.getOrDefault("hardware.audio.input", defaults.inputDevice()))
                    .withTiming(millis(v, "hardware.speaker.warm-up-ms", defaults.warmUp()),
                            millis(v, "hardware.speaker.tail-ms", defaults.tail()))
                    .withVolume(decimal(v, "hardware.volume", defaults.volume()),
                            decimal(v, "hardware.volume.cap", defaults.volumeCap()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hardware configuration: " + e.getMessage(), e);
        }

        HelpController.Settings helpDefaults = HelpController.Settings.defaults();
        HelpController.Settings help = new HelpController.Settings(
                seconds(v, "help.cancel-window-seconds", helpDefaults.cancelWindow()),
                // A home unit has no courtyard loudspeaker to alarm; its own speaker says the request went out.
                bool(v, "help.alert-courtyard", !home && helpDefaults.alertCourtyard()),
                seconds(v, "help.repeat-window-seconds", helpDefaults.reuseWindow()),
                helpDefaults.dutyPhoneAfter(), !home);
        SyncService.Settings syncDefaults = SyncService.Settings.defaults();
        SyncService.Settings sync = new SyncService.Settings(
                seconds(v, "sync.interval-seconds", syncDefaults.interval()),
                integer(v, "sync.long-poll-seconds", syncDefaults.longPollSeconds()),
                syncDefaults.minBackoff(),
                seconds(v, "sync.max-backoff-seconds", syncDefaults.maxBackoff()),
                seconds(v, "sync.heartbeat-seconds", syncDefaults.heartbeatInterval()));
        Duration idleHome = seconds(v, "ui.idle-home-seconds", Duration.ofSeconds(60));
        VoiceSettings voice = VoiceSettings.from(v, home ? VoiceSettings.homeDefaults() : VoiceSettings.defaults());
        HomeSettings homeSettings = HomeSettings.from(v);
        HealthSettings health = new HealthSettings(
                v.containsKey(HealthSettings.TEMPERATURE_FILE_KEY)
                        ? noneOrPath(v.get(HealthSettings.TEMPERATURE_FILE_KEY))
                        : HealthSettings.PI_THERMAL_ZONE,
                optional(v, HealthSettings.POWER_FILE_KEY) == null ? null
                        : Path.of(v.get(HealthSettings.POWER_FILE_KEY)),
                optional(v, HealthSettings.POWER_COMMAND_KEY),
                HealthSettings.defaults().commandTimeout());
        AnnounceSettings.ScheduledPlays scheduled = !home ? AnnounceSettings.ScheduledPlays.OUTDOOR
                : homeSettings.announceNormal() ? AnnounceSettings.ScheduledPlays.HOME_ALL
                : AnnounceSettings.ScheduledPlays.HOME_EMERGENCY;
        return new KioskConfig(hub, kioskId, token, data, hardware, headless, voiceModel, phrases, help, sync,
                idleHome, voice, announce(v, scheduled), tls, health, profile, homeSettings);
    }

    /** Whether this kiosk has its id and token; if not, it must be enrolled before it starts. */
    public boolean enrolled() {
        return kioskId != null;
    }

    /** This configuration with the id, token and hub that enrolment gave. */
    public KioskConfig withCredentials(Credentials credentials) {
        return new KioskConfig(credentials.hub(), credentials.kioskId(), credentials.token(), dataDir, hardware,
                headless, voiceModel, phrasesFile, help, sync, idleHome, voice, announce, tls, health, profile, home);
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "KioskConfig[hub=" + hub + ", kioskId=" + kioskId + ", profile=" + profile + ", dataDir=" + dataDir
                + ", hardware=" + hardware.mode() + ", headless=" + headless + ", tls=" + tls + "]";
    }

    private static String optional(Map<String, String> v, String name) {
        String value = v.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Path noneOrPath(String value) {
        return value.isBlank() || "none".equalsIgnoreCase(value.strip()) ? null : Path.of(value.strip());
    }

    private static AnnounceSettings announce(Map<String, String> v, AnnounceSettings.ScheduledPlays scheduled) {
        AnnounceSettings defaults = AnnounceSettings.defaults();
        QuietHours quiet = v.containsKey("announce.quiet-hours") ? QuietHours.parse(v.get("announce.quiet-hours"))
                : defaults.quietHours();
        ZoneId zone = defaults.zone();
        if (v.containsKey("kiosk.time-zone")) {
            try {
                zone = ZoneId.of(v.get("kiosk.time-zone").trim());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("kiosk.time-zone is not a time zone such as Asia/Shanghai, was '"
                        + v.get("kiosk.time-zone") + "'", e);
            }
        }
        Duration catchUp = v.containsKey("announce.catch-up-hours")
                ? Duration.ofHours(positive(v, "announce.catch-up-hours")) : defaults.catchUp();
        Duration liveLimit = v.containsKey("announce.live-max-seconds")
                ? Duration.ofSeconds(positive(v, "announce.live-max-seconds")) : defaults.liveLimit();
        return new AnnounceSettings(quiet, zone, bool(v, "announce.screen-play-outdoor", defaults.screenPlayOutdoor()),
                catchUp, liveLimit, scheduled);
    }

    /** A BCM pin, or null for {@code none}; {@code fallback} when the key is absent. */
    private static Integer optionalPin(Map<String, String> v, String name, Integer fallback) {
        if (!v.containsKey(name)) {
            return fallback;
        }
        return "none".equalsIgnoreCase(v.get(name).strip()) ? null : integer(v, name, 0);
    }

    private static int positive(Map<String, String> v, String name) {
        int value = integer(v, name, 0);
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    private static URI hubUri(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--hub is not a valid address: '" + value + "'", e);
        }
    }

    private static String required(Map<String, String> v, String name) {
        String value = v.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing required option --" + name);
        }
        return value;
    }

    private static boolean bool(Map<String, String> v, String name, boolean fallback) {
        String value = v.get(name);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, was '" + value + "'");
        };
    }

    private static int integer(Map<String, String> v, String name, int fallback) {
        String value = v.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'", e);
        }
    }

    private static double decimal(Map<String, String> v, String name, double fallback) {
        String value = v.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + value + "'", e);
        }
    }

    private static Duration millis(Map<String, String> v, String name, Duration fallback) {
        return v.containsKey(name) ? Duration.ofMillis(nonNegative(v, name)) : fallback;
    }

    private static Duration seconds(Map<String, String> v, String name, Duration fallback) {
        return v.containsKey(name) ? Duration.ofSeconds(nonNegative(v, name)) : fallback;
    }

    private static int nonNegative(Map<String, String> v, String name) {
        int value = integer(v, name, 0);
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }

    private static HardwareConfig.Pull pull(String value) {
        try {
            return HardwareConfig.Pull.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hardware.button.pull must be up, down or off, was '" + value + "'", e);
        }
    }
}
