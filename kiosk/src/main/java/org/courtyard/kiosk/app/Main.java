package org.courtyard.kiosk.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.courtyard.kiosk.Kiosk;
import org.courtyard.kiosk.KioskConfig;
import org.courtyard.kiosk.enrol.Credentials;
import org.courtyard.kiosk.enrol.EnrolmentClient;
import org.courtyard.kiosk.enrol.EnrolmentConsole;
import org.courtyard.kiosk.headless.HeadlessConsole;
import org.courtyard.kiosk.ui.FirstRunWindow;
import org.courtyard.kiosk.ui.KioskWindow;

/**
 * {@code java -jar courtyard-kiosk.jar …}: see {@link KioskConfig#USAGE}. The top of the kiosk: it
 * chooses the view (the touch screen or the headless console) for the wired {@link Kiosk}. Not a JavaFX
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
        Kiosk kiosk = Kiosk.create(config, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(kiosk::close, "kiosk-shutdown"));
        if (config.headless()) {
            HeadlessConsole console = new HeadlessConsole(kiosk, out);
            kiosk.start();
            out.println("kiosk " + config.kioskId() + " running headless; commands: press, long-press, "
                    + "say TEXT, residents, checkin NAME, who NAME, messages NAME, listen NAME, status, quit");
            console.run(in);
        } else {
            kiosk.start();
            KioskWindow.run(kiosk);
        }
        kiosk.close();
        System.exit(0);
    }
}
