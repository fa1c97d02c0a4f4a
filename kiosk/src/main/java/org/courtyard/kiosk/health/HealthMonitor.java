package org.courtyard.kiosk.health;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.courtyard.hardware.DeviceHealth;
import org.courtyard.protocol.Heartbeat;
import org.courtyard.protocol.SelfTest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples free disk, temperature and power on its own thread and hands the newest sample to
 * heartbeats, which are built on the sync thread and must not wait for a UPS command.
 *
 * <p>{@link #sample()} measures now on the calling thread (tests call it); {@link #start} samples
 * at once and then every {@code every}. Before the first sample {@link #latest()} is
 * {@link HealthReading#NONE}. Closing stops the thread; closing twice is safe.
 */
public final class HealthMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);
    /** The longest power text passed on; a UPS tool that prints a page is cut here. */
    static final int MAX_POWER_CHARS = 100;
    /** The longest self-test state passed on; a device list in a sound card's detail can be long. */
    static final int MAX_STATE_CHARS = 200;

    private final Path dataDir;
    private final HealthSettings settings;
    private final ScheduledExecutorService thread;
    private volatile HealthReading latest = HealthReading.NONE;
    private volatile String lastProblem;

    public HealthMonitor(Path dataDir, HealthSettings settings) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "kiosk-health");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Measures disk and temperature at once (quick, so the first heartbeat has them), then samples
     * everything on the health thread now and every {@code every}.
     */
    public void start(Duration every) {
        latest = new HealthReading(diskFreeMb(), temperature(), null);
        long millis = Math.max(1000, every.toMillis());
        thread.scheduleWithFixedDelay(this::sampleSafely, 0, millis, TimeUnit.MILLISECONDS);
    }

    /** The newest sample. */
    public HealthReading latest() {
        return latest;
    }

    /** Measures now, on the calling thread, and keeps the result as {@link #latest()}. */
    public HealthReading sample() {
        HealthReading reading = new HealthReading(diskFreeMb(), temperature(), power());
        latest = reading;
        return reading;
    }

    /**
     * A heartbeat from the newest sample and the hardware's health.
     *
     * @param devices {@code Hardware.health()} now
     * @param playsNormal whether this kiosk plays NORMAL announcements at their times (a home unit
     *     only with {@code home.announce-normal=true}), for the hub's delivery board
     */
    public Heartbeat heartbeat(String version, Duration uptime, int outbox, String voice, List<DeviceHealth> devices,
            boolean playsNormal) {
        HealthReading reading = latest;
        SelfTest selfTest = selfTest(devices);
        String speaker = selfTest.speaker() == null ? "unknown" : selfTest.speaker();
        return new Heartbeat(version, uptime.toSeconds(), outbox, voice, speaker, reading.diskFreeMb(),
                reading.temperatureC(), reading.power(), selfTest, playsNormal);
    }

    /**
     * The hardware's health as the heartbeat's self-test: {@code ok}, {@code missing: …} for a
     * device that was not found, {@code failed: …} for one whose last use failed, and null for a
     * device the hardware does not report.
     */
    public static SelfTest selfTest(List<DeviceHealth> devices) {
        String speaker = null;
        String relay = null;
        String button = null;
        String lamps = null;
        String microphone = null;
        for (DeviceHealth device : devices) {
            String state = !device.present() ? "missing: " + device.detail()
                    : !device.working() ? "failed: " + device.detail() : "ok";
            state = state.length() > MAX_STATE_CHARS ? state.substring(0, MAX_STATE_CHARS - 1) + "…" : state;
            switch (device.device().toLowerCase(Locale.ROOT)) {
                case "loudspeaker" -> speaker = state;
                case "relay" -> relay = state;
                case "help button" -> button = state;
                case "lamps" -> lamps = state;
                case "microphone" -> microphone = state;
                default -> LOG.debug("device {} is not part of the self-test", device.device());
            }
        }
        return new SelfTest(speaker, relay, button, lamps, microphone);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }

    private void sampleSafely() {
        try {
            sample();
        } catch (RuntimeException e) {
            LOG.warn("Sampling the kiosk's health failed; trying again at the next interval", e);
        }
    }

    private Long diskFreeMb() {
        try {
            return Files.getFileStore(dataDir).getUsableSpace() / (1024 * 1024);
        } catch (IOException e) {
            problem("cannot read the free space of " + dataDir + ": " + e.getMessage());
            return null;
        }
    }

    private Double temperature() {
        Path file = settings.temperatureFile();
        if (file == null) {
            return null;
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            // A PC or a board without this thermal zone: nothing to report, nothing wrong.
            return null;
        } catch (IOException e) {
            problem("cannot read the temperature from " + file + ": " + e.getMessage());
            return null;
        }
        try {
            double celsius = Math.round(Long.parseLong(text) / 100.0) / 10.0;
            if (celsius < Heartbeat.MIN_TEMPERATURE_C || celsius > Heartbeat.MAX_TEMPERATURE_C) {
                problem(file + " says " + text + " millidegrees, which no working sensor reads");
                return null;
            }
            return celsius;
        } catch (NumberFormatException e) {
            problem(file + " does not hold millidegrees Celsius: '" + text + "'");
            return null;
        }
    }

    private String power() {
        if (settings.powerFile() != null) {
            try {
                return powerText(Files.readString(settings.powerFile(), StandardCharsets.UTF_8), "the power file");
            } catch (IOException e) {
                return unknown("cannot read " + settings.powerFile() + ": " + e.getMessage());
            }
        }
        if (settings.powerCommand() != null) {
            return runPowerCommand(settings.powerCommand());
        }
        return null;
    }

    private String runPowerCommand(String command) {
        Process process;
        try {
            process = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            return unknown("cannot run the power command: " + e.getMessage());
        }
        try {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> copy(process.getInputStream(), output), "kiosk-health-power-output");
            reader.setDaemon(true);
            reader.start();
            if (!process.waitFor(settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return unknown("the power command did not finish within " + settings.commandTimeout().toSeconds()
                        + " s");
            }
            reader.join(1000);
            String text;
            synchronized (output) {
                text = output.toString(StandardCharsets.UTF_8);
            }
            if (process.exitValue() != 0) {
                return unknown("the power command exited with " + process.exitValue() + ": " + firstLine(text));
            }
            return powerText(text, "the power command");
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[1024];
        try (in) {
            int read;
            while ((read = in.read(buffer)) != -1) {
                synchronized (out) {
                    if (out.size() < 64 * 1024) {
                        out.write(buffer, 0, read);
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("reading the power command's output ended: {}", e.getMessage());
        }
    }

    private String powerText(String text, String source) {
        String line = firstLine(text);
        if (line.isEmpty()) {
            return unknown(source + " gave no state");
        }
        problemGone();
        return line;
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("").strip();
        return line.length() > MAX_POWER_CHARS ? line.substring(0, MAX_POWER_CHARS) : line;
    }

    private String unknown(String why) {
        problem(why);
        String text = "unknown: " + why;
        return text.length() > MAX_POWER_CHARS ? text.substring(0, MAX_POWER_CHARS) : text;
    }

    /** Logs a problem once, not at every sample. */
    private void problem(String message) {
        if (!message.equals(lastProblem)) {
            lastProblem = message;
            LOG.warn("Health: {}", message);
        }
    }

    private void problemGone() {
        lastProblem = null;
    }
}
