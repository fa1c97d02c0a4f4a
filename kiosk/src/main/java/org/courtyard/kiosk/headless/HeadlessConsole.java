package org.courtyard.kiosk.headless;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;
import org.courtyard.hardware.Simulator;
import org.courtyard.kiosk.HelpView;
import org.courtyard.kiosk.Kiosk;
import org.courtyard.kiosk.KioskState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk without a screen. Prints one line per hardware action ({@code relay on},
 * {@code lamp acknowledged on}, {@code audio start …}); with simulated hardware it reads commands
 * from stdin, one a line:
 * <ul>
 *   <li>{@code press} / {@code long-press}: the physical help button</li>
 *   <li>{@code say TEXT}: TEXT goes to the intent layer as if recognised</li>
 *   <li>{@code status}: prints {@code status link=ONLINE help=DELIVERED} (help is NONE before the
 *       first request; the states are those of API.md)</li>
 *   <li>{@code quit}: stops the kiosk</li>
 * </ul>
 * An unknown command prints {@code error: …} and is otherwise ignored. End of input is the same
 * as {@code quit} when reading a pipe, so {@code echo press | kiosk --headless} does what it says.
 */
public final class HeadlessConsole {

    private static final Logger LOG = LoggerFactory.getLogger(HeadlessConsole.class);

    private final Kiosk kiosk;
    private final PrintStream out;

    public HeadlessConsole(Kiosk kiosk, PrintStream out) {
        this.kiosk = kiosk;
        this.out = out;
        kiosk.hardware().addActionListener(action -> print(action.line()));
    }

    /** Reads commands until {@code quit} or end of input. */
    public void run(BufferedReader in) throws IOException {
        Optional<Simulator> simulator = kiosk.hardware().simulator();
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.strip();
            if (command.isEmpty()) {
                continue;
            }
            String verb = command.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            String rest = command.length() > verb.length() ? command.substring(verb.length()).strip() : "";
            switch (verb) {
                case "quit", "exit" -> {
                    return;
                }
                case "status" -> print(status(kiosk.model().state()));
                case "say" -> {
                    if (rest.isEmpty()) {
                        print("error: say needs the words, e.g. say 救命");
                    } else {
                        kiosk.hear(rest);
                    }
                }
                case "press", "long-press" -> {
                    if (simulator.isEmpty()) {
                        print("error: " + verb + " needs --hardware sim; on a Pi, press the real button");
                    } else if (verb.equals("press")) {
                        simulator.get().pressButton();
                    } else {
                        simulator.get().longPressButton();
                    }
                }
                default -> print("error: unknown command '" + verb + "'; commands: press, long-press, say TEXT, "
                        + "status, quit");
            }
        }
        LOG.info("End of input: stopping the headless kiosk");
    }

    /** The one-line answer to {@code status}. */
    public static String status(KioskState state) {
        HelpView help = state.help();
        return "status link=" + state.link().name() + " help=" + (help == null ? "NONE" : help.status().wireName());
    }

    private void print(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
