package org.courtyard.kiosk.headless;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.courtyard.hardware.Simulator;
import org.courtyard.kiosk.Kiosk;
import org.courtyard.kiosk.core.HelpView;
import org.courtyard.kiosk.core.KioskState;
import org.courtyard.kiosk.core.ResidentTile;
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
 *   <li>{@code residents}: prints the residents this kiosk knows from the hub's roster, in the order
 *       of the check-in screen: {@code residents 2: r-7mq2xw9a 张桂英, r-k3d8p2fa 李小军}</li>
 *   <li>{@code checkin NAME} or {@code checkin RESIDENT_ID}: the resident checks in as with a tap on
 *       their tile; prints {@code checked in 张桂英 r-7mq2xw9a} once the event is in the outbox</li>
 *   <li>{@code who NAME} or {@code who RESIDENT_ID}: answers 「您是哪一位？」 of the open help request as
 *       with a tap on the resident's tile; prints {@code who 张桂英 r-7mq2xw9a} once it is in the outbox</li>
 *   <li>{@code messages NAME}: prints {@code messages 张桂英 1}, the resident's unheard family messages
 *       that are ready to play (the envelope on their tile)</li>
 *   <li>{@code listen NAME}: plays the oldest of them on the indoor speaker
 *       ({@code audio start message-…} … {@code audio end …}); prints {@code no messages 张桂英} when
 *       there is none</li>
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
                        kiosk.voice().hear(rest);
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
                case "residents" -> print(residents(kiosk.model().state().checkIn().residents()));
                case "checkin" -> checkIn(rest);
                case "who" -> who(rest);
                case "messages" -> resident(verb, rest).ifPresent(resident -> print("messages " + resident.name() + " "
                        + kiosk.family().unheard(resident.id())));
                case "listen" -> resident(verb, rest).ifPresent(this::listen);
                default -> print("error: unknown command '" + verb + "'; commands: press, long-press, say TEXT, "
                        + "residents, checkin NAME, who NAME, messages NAME, listen NAME, status, quit");
            }
        }
        LOG.info("End of input: stopping the headless kiosk");
    }

    private void checkIn(String who) {
        resident("checkin", who).ifPresent(resident -> {
            kiosk.checkIn().checkIn(resident.id());
            saved("checked in", resident);
        });
    }

    /** 「您是哪一位？」 answered: the open help request's person. */
    private void who(String who) {
        HelpView help = kiosk.model().state().help();
        if (help == null || !help.status().isOpen()) {
            print("error: who needs an open help request; press first");
            return;
        }
        resident("who", who).ifPresent(resident -> {
            kiosk.help().chooseResident(resident.id());
            saved("who", resident);
        });
    }

    /** Plays {@code resident}'s oldest unheard message, blocking the console while it plays. */
    private void listen(ResidentTile resident) {
        try {
            if (kiosk.family().listen(resident.id()).isEmpty()) {
                print("no messages " + resident.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The one resident of this kiosk's roster named by {@code who} (a name or an id), or an error line. */
    private Optional<ResidentTile> resident(String verb, String who) {
        if (who.isEmpty()) {
            print("error: " + verb + " needs a resident's name or id, e.g. " + verb + " 张桂英");
            return Optional.empty();
        }
        List<ResidentTile> known = kiosk.model().state().checkIn().residents();
        List<ResidentTile> matches = known.stream()
                .filter(resident -> resident.id().equals(who) || resident.name().equals(who)).toList();
        if (matches.size() != 1) {
            print("error: " + (matches.isEmpty() ? "no resident '" + who + "' here" : "'" + who + "' is "
                    + matches.size() + " residents; use the id") + "; " + residents(known));
            return Optional.empty();
        }
        kiosk.idle().touch();
        return Optional.of(matches.get(0));
    }

    /** Prints {@code done NAME ID} once the model's queue has written the event to the outbox. */
    private void saved(String done, ResidentTile resident) {
        try {
            kiosk.model().awaitIdle(Duration.ofSeconds(10));
            print(done + " " + resident.name() + " " + resident.id());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            print("error: " + done + " " + resident.id() + " was not saved within 10 s");
        }
    }

    /** The one-line answer to {@code residents}. */
    public static String residents(List<ResidentTile> residents) {
        StringBuilder line = new StringBuilder("residents ").append(residents.size()).append(':');
        for (int i = 0; i < residents.size(); i++) {
            line.append(i == 0 ? " " : ", ").append(residents.get(i).id()).append(' ').append(residents.get(i).name());
        }
        return line.toString();
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
