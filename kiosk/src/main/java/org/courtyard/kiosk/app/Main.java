package org.courtyard.kiosk.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.courtyard.hardware.HardwareConfig;
import org.courtyard.kiosk.HomeUnit;
import org.courtyard.kiosk.Kiosk;
import org.courtyard.kiosk.KioskConfig;
import org.courtyard.kiosk.Profile;
import org.courtyard.kiosk.enrol.Credentials;
import org.courtyard.kiosk.enrol.EnrolmentClient;
import org.courtyard.kiosk.enrol.EnrolmentConsole;
import org.courtyard.kiosk.headless.HeadlessConsole;
import org.courtyard.kiosk.ui.FirstRunWindow;
import org.courtyard.kiosk.ui.KioskWindow;

/**
 * {@code java -jar courtyard-kiosk.jar …}: see {@link KioskConfig#USAGE}. The top of the kiosk: it
 * chooses the assembly (the courtyard {@link Kiosk} or a {@link HomeUnit}) and the view (the touch
 * screen or the headless console). Not a JavaFX
 * {@code Application} itself, so that the shaded jar starts without the JavaFX module path.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.print(KioskConfig.USAGE);
            return;
        }
        KioskConfig config;
        try {
            config = KioskConfig.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("courtyard-kiosk: " + e.getMessage());
            System.err.print(KioskConfig.USAGE);
            System.exit(2);
            return;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (!config.enrolled()) {
            // First run: no --kiosk-id/--token and nothing saved. Ask for the hub and the code.
            EnrolmentClient client = new EnrolmentClient(config.tls(), Duration.ofSeconds(15));
            Optional<Credentials> enrolled = config.headless()
                    ? new EnrolmentConsole(client, config.dataDir(), config.hub(), out).run(in)
                    : FirstRunWindow.run(client, config.dataDir(), config.hub());
            if (enrolled.isEmpty()) {
                System.err.println("courtyard-kiosk: this kiosk is not enrolled; start it with --kiosk-id and --token,"
                        + " or enrol it with a code from the hub (docs/deploy-pi.md)");
                System.exit(1);
                return;
            }
            config = config.withCredentials(enrolled.get());
        }
        if (config.profile() == Profile.HOME) {
            HomeUnit unit = HomeUnit.create(config, Clock.systemUTC());
            Runtime.getRuntime().addShutdownHook(new Thread(unit::close, "kiosk-shutdown"));
            HeadlessConsole console = new HeadlessConsole(unit, out);
            unit.start();
            out.println("home unit " + config.kioskId() + " running headless; commands: " + console.usage());
            runUntilQuit(console, in, config);
            unit.close();
            System.exit(0);
            return;
        }
        Kiosk kiosk = Kiosk.create(config, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(kiosk::close, "kiosk-shutdown"));
        if (config.headless()) {
            HeadlessConsole console = new HeadlessConsole(kiosk, out);
            kiosk.start();
            out.println("kiosk " + config.kioskId() + " running headless; commands: " + console.usage());
            runUntilQuit(console, in, config);
        } else {
            kiosk.start();
            KioskWindow.run(kiosk);
        }
        kiosk.close();
        System.exit(0);
    }

    /**
     * Reads the console until {@code quit}. The end of input is {@code quit} too, with simulated
     * hardware (a pipe of commands); a real device keeps running without input (systemd gives it
     * none) until it is stopped, and its shutdown hook closes it.
     */
    private static void runUntilQuit(HeadlessConsole console, BufferedReader in, KioskConfig config)
            throws IOException, InterruptedException {
        if (!console.run(in) && config.hardware().mode() == HardwareConfig.Mode.PI) {
            Thread.currentThread().join();
        }
    }
}
