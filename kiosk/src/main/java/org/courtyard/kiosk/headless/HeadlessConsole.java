package org.courtyard.kiosk.headless;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.courtyard.hardware.Hardware;
import org.courtyard.hardware.Simulator;
import org.courtyard.kiosk.HomeUnit;
import org.courtyard.kiosk.Kiosk;
import org.courtyard.kiosk.core.HelpView;
import org.courtyard.kiosk.core.KioskState;
import org.courtyard.kiosk.core.ResidentTile;
import org.courtyard.kiosk.home.HomeCheckIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk without a screen, and a home unit's only view. Prints one line per hardware action
 * ({@code relay on}, {@code lamp acknowledged on}, {@code audio start …}); with simulated hardware it
 * reads commands from stdin, one a line:
 * <ul>
 *   <li>{@code press} / {@code long-press}: the physical (red) help button</li>
 *   <li>{@code say TEXT}: TEXT goes to the intent layer as if recognised</li>
 *   <li>{@code status}: prints {@code status link=ONLINE help=DELIVERED} (help is NONE before the
 *       first request; the states are those of API.md); a home unit adds its check-in and
 *       resident: {@code status link=ONLINE help=NONE checkin=DUE resident=r-7mq2xw9a}</li>
 *   <li>a courtyard kiosk: {@code residents}: prints the residents this kiosk knows from the hub's
 *       roster, in the order of the check-in screen: {@code residents 2: r-7mq2xw9a 张桂英, r-k3d8p2fa
 *       李小军}; {@code checkin NAME} or {@code checkin RESIDENT_ID}: the resident checks in as with a
 *       tap on their tile; prints {@code checked in 张桂英 r-7mq2xw9a} once the event is in the outbox;
 *       {@code messages NAME}: prints {@code messages 张桂英 1}, the resident's unheard family messages
 *       that are ready to play (the envelope on their tile); {@code listen NAME}: plays the oldest of
 *       them on the indoor speaker ({@code audio start message-…} … {@code audio end …}); prints
 *       {@code no messages 张桂英} when there is none; {@code who NAME} or {@code who RESIDENT_ID}:
 *       answers 「您是哪一位？」 of the open help request as with a tap on the resident's tile; prints
 *       {@code who 张桂英 r-7mq2xw9a} once it is in the outbox</li>
 *   <li>a home unit: {@code checkin} / {@code long-checkin}: the green button, pressed or held (a
 *       check-in of the unit's resident, or a help request); a check-in prints
 *       {@code checked in 张桂英 r-7mq2xw9a} once the event is in the outbox</li>
 *   <li>{@code quit}: stops the kiosk</li>
 * </ul>
 * An unknown command prints {@code error: …} and is otherwise ignored. End of input is the same
 * as {@code quit} when reading a pipe, so {@code echo press | kiosk --headless} does what it says;
 * {@link #run} tells the caller which it was.
 */
public final class HeadlessConsole {

    private static final Logger LOG = LoggerFactory.getLogger(HeadlessConsole.class);

    private final Hardware hardware;
    private final PrintStream out;
    private final Supplier<String> status;
    private final Map<String, Consumer<String>> commands = new LinkedHashMap<>();
    private String usage = "";

    /** The courtyard kiosk's console. */
    public HeadlessConsole(Kiosk kiosk, PrintStream out) {
        this(kiosk.hardware(), out, () -> status(kiosk.model().state()));
        buttons("press", "long-press", Simulator::pressButton, Simulator::longPressButton);
        command("say TEXT", rest -> say(rest, kiosk.voice()::hear));
        command("residents", rest -> print(residents(kiosk.model().state().checkIn().residents())));
        command("checkin NAME", rest -> checkIn(kiosk, rest));
        command("who NAME", rest -> who(kiosk, rest));
        command("messages NAME", rest -> resident(kiosk, "messages", rest).ifPresent(resident -> print("messages "
                + resident.name() + " " + kiosk.family().unheard(resident.id()))));
        command("listen NAME", rest -> resident(kiosk, "listen", rest).ifPresent(resident -> listen(kiosk, resident)));
        command("status", rest -> print(this.status.get()));
    }

    /** A home unit's console: the red and the green button, what was said, its status. */
    public HeadlessConsole(HomeUnit unit, PrintStream out) {
        this(unit.hardware(), out, () -> status(unit.model().state(), unit.checkIn().status()));
        buttons("press", "long-press", Simulator::pressButton, Simulator::longPressButton);
        buttons("checkin", "long-checkin", Simulator::pressCheckInButton, Simulator::longPressCheckInButton);
        command("say TEXT", rest -> say(rest, unit.voice()::hear));
        command("status", rest -> print(this.status.get()));
        unit.checkIn().addListener(this::pressed);
    }

    private HeadlessConsole(Hardware hardware, PrintStream out, Supplier<String> status) {
        this.hardware = hardware;
        this.out = out;
        this.status = status;
        hardware.addActionListener(action -> print(action.line()));
    }

    /** The commands, as the start-up line and the {@code unknown command} answer list them. */
    public String usage() {
        return usage + ", quit";
    }

    /**
     * Reads commands until {@code quit} or end of input.
     *
     * @return true if {@code quit} (or {@code exit}) ended it, false for the end of input
     */
    public boolean run(BufferedReader in) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.strip();
            if (command.isEmpty()) {
                continue;
            }
            String verb = command.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            String rest = command.length() > verb.length() ? command.substring(verb.length()).strip() : "";
            if (verb.equals("quit") || verb.equals("exit")) {
                return true;
            }
            Consumer<String> action = commands.get(verb);
            if (action == null) {
                print("error: unknown command '" + verb + "'; commands: " + usage());
            } else {
                action.accept(rest);
            }
        }
        LOG.info("End of input");
        return false;
    }

    private void command(String synopsis, Consumer<String> action) {
        commands.put(synopsis.split(" ", 2)[0], action);
        usage = usage.isEmpty() ? synopsis : usage + ", " + synopsis;
    }

    /** A button's press and long press, driven through the simulator as a finger would. */
    private void buttons(String press, String hold, Consumer<Simulator> pressIt, Consumer<Simulator> holdIt) {
        command(press, rest -> push(press, pressIt));
        command(hold, rest -> push(hold, holdIt));
    }

    private void push(String verb, Consumer<Simulator> button) {
        Optional<Simulator> simulator = hardware.simulator();
        if (simulator.isEmpty()) {
            print("error: " + verb + " needs --hardware sim; on a Pi, press the real button");
        } else {
            button.accept(simulator.get());
        }
    }

    private void say(String words, Consumer<String> hear) {
        if (words.isEmpty()) {
            print("error: say needs the words, e.g. say 救命");
        } else {
            hear.accept(words);
        }
    }

    private void checkIn(Kiosk kiosk, String who) {
        resident(kiosk, "checkin", who).ifPresent(resident -> {
            kiosk.checkIn().checkIn(resident.id());
            saved(kiosk, "checked in", resident);
        });
    }

    /** 「您是哪一位？」 answered: the open help request's person. */
    private void who(Kiosk kiosk, String who) {
        HelpView help = kiosk.model().state().help();
        if (help == null || !help.status().isOpen()) {
            print("error: who needs an open help request; press first");
            return;
        }
        resident(kiosk, "who", who).ifPresent(resident -> {
            kiosk.help().chooseResident(resident.id());
            saved(kiosk, "who", resident);
        });
    }

    /** Plays {@code resident}'s oldest unheard message, blocking the console while it plays. */
    private void listen(Kiosk kiosk, ResidentTile resident) {
        try {
            if (kiosk.family().listen(resident.id()).isEmpty()) {
                print("no messages " + resident.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The one resident of this kiosk's roster named by {@code who} (a name or an id), or an error line. */
    private Optional<ResidentTile> resident(Kiosk kiosk, String verb, String who) {
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
    private void saved(Kiosk kiosk, String done, ResidentTile resident) {
        try {
            kiosk.model().awaitIdle(Duration.ofSeconds(10));
            print(done + " " + resident.name() + " " + resident.id());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            print("error: " + done + " " + resident.id() + " was not saved within 10 s");
        }
    }

    /** What the home unit's green button did. */
    private void pressed(HomeCheckIn.Pressed pressed) {
        print(switch (pressed.outcome()) {
            case CHECKED_IN -> "checked in " + pressed.resident().name() + " " + pressed.resident().id();
            case ALREADY -> "checked in already today " + pressed.resident().name() + " " + pressed.resident().id();
            case MESSAGE -> "playing a family message for " + pressed.resident().name() + " " + pressed.resident().id();
            case UNBOUND -> "error: the hub has not said yet whose home unit this is; it does at the first sync";
        });
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

    /** A home unit's answer to {@code status}: the kiosk's, then today's check-in and the resident. */
    public static String status(KioskState state, HomeCheckIn.Status home) {
        return status(state) + " checkin=" + home.today() + " resident="
                + (home.resident() == null ? "NONE" : home.resident().id());
    }

    private void print(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
