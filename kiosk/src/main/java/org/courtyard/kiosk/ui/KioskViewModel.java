package org.courtyard.kiosk.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.courtyard.hardware.LampRole;
import org.courtyard.hardware.LampState;
import org.courtyard.hardware.Simulator;
import org.courtyard.kiosk.Kiosk;
import org.courtyard.kiosk.cadre.CadreAction;
import org.courtyard.kiosk.core.CadreView;
import org.courtyard.kiosk.core.CheckInView;
import org.courtyard.kiosk.core.FamilyView;
import org.courtyard.kiosk.core.HelpView;
import org.courtyard.kiosk.core.KioskState;
import org.courtyard.kiosk.core.LinkState;
import org.courtyard.kiosk.core.LocalHelpStatus;
import org.courtyard.kiosk.core.ResidentTile;
import org.courtyard.kiosk.core.Screen;
import org.courtyard.kiosk.core.ShownAnnouncement;
import org.courtyard.kiosk.core.VoiceActivity;
import org.courtyard.kiosk.help.HelpController;
import org.courtyard.kiosk.speech.Prompts;
import org.courtyard.protocol.HelpCategory;
import org.courtyard.protocol.HelpSource;

/**
 * What the touch screen shows, as read-only JavaFX properties, and what it can do, as command
 * methods that call the kiosk's controllers. The view binds to the properties and calls the commands;
 * it never reads {@link KioskState} itself.
 *
 * <p>All properties change on the JavaFX thread only: the kiosk model's listener hands each
 * snapshot over with {@code Platform.runLater}. The 按错了 window is time-bound, so after a render
 * that shows the button a timer renders the same snapshot again when the window closes; the band's
 * minutes count on the same way, once a minute while a request is open.
 *
 * <p><b>Never untrue.</b> While the link is down, what the help screen and the band say of an open
 * request comes from what the kiosk knows: the line is down, whether something waits to be sent,
 * and the last state it heard with its time ({@code help.known.*}, without 「正在赶来」).
 */
final class KioskViewModel {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private final Kiosk kiosk;
    private final Prompts prompts;
    private final Clock clock;
    private final Optional<Simulator> simulator;

    private final ReadOnlyObjectWrapper<Screen> screen = new ReadOnlyObjectWrapper<>(Screen.HOME);
    private final ReadOnlyObjectWrapper<LinkState> link = new ReadOnlyObjectWrapper<>(LinkState.CONNECTING);
    private final ReadOnlyStringWrapper linkText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problemsText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper talkVisible = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper undoVisible = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<LocalHelpStatus> helpStatus = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper helpText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper cancelVisible = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper helpAgainVisible = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyBooleanWrapper categoryVisible = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper helpOpen = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper bandText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper bandStyle = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper whoVisible = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper whoChosen = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper confirmVisible = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper dutyPhone = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper voiceText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper heardText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper simText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<List<ShownAnnouncement>> announcements =
            new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<CheckInView> checkIn = new ReadOnlyObjectWrapper<>(CheckInView.EMPTY);
    private final ReadOnlyObjectWrapper<CadreView> cadre = new ReadOnlyObjectWrapper<>(CadreView.NONE);
    private final ReadOnlyObjectWrapper<FamilyView> family = new ReadOnlyObjectWrapper<>(FamilyView.NONE);
    private final ReadOnlyStringWrapper pinText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper pinDots = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper cadreGreeting = new ReadOnlyStringWrapper("");
    private final PauseTransition cancelWindowEnd = new PauseTransition();
    private final PauseTransition lockEnd = new PauseTransition();
    private final PauseTransition nextMinute = new PauseTransition();
    private final PauseTransition undoWindowEnd = new PauseTransition();
    private final ZoneId zone;
    private KioskState last;
    private boolean attached;
    private boolean detached;

    KioskViewModel(Kiosk kiosk, Clock clock) {
        this.kiosk = kiosk;
        this.prompts = kiosk.prompts();
        this.clock = clock;
        this.simulator = kiosk.hardware().simulator();
        this.zone = kiosk.config().announce().zone();
        nextMinute.setOnFinished(event -> {
            if (last != null) {
                render(last);
            }
        });
        cancelWindowEnd.setOnFinished(event -> {
            if (last != null) {
                render(last);
            }
        });
        lockEnd.setOnFinished(event -> {
            if (last != null) {
                render(last);
            }
        });
        undoWindowEnd.setOnFinished(event -> {
            if (last != null) {
                render(last);
            }
        });
        render(kiosk.model().state());
        renderAnnouncements(kiosk.announcements().current());
        simulator.ifPresent(sim -> simText.set(simLine(sim)));
    }

    /**
     * Starts following the kiosk: model snapshots and, with simulated hardware, the relay and
     * lamps. Call once, on the JavaFX thread, when the view is shown.
     */
    void attach() {
        if (attached) {
            throw new IllegalStateException("the view-model is already attached");
        }
        attached = true;
        kiosk.model().addListener(state -> Platform.runLater(() -> render(state)));
        kiosk.announcements().addListener(list -> Platform.runLater(() -> renderAnnouncements(list)));
        simulator.ifPresent(sim -> {
            kiosk.hardware().addActionListener(action -> {
                String line = simLine(sim);
                Platform.runLater(() -> {
                    if (!detached) {
                        simText.set(line);
                    }
                });
            });
            // Read again now that the listener is in place: a lamp may have changed since the
            // constructor read it, before anyone was listening.
            simText.set(simLine(sim));
        });
    }

    /**
     * Stops updating: the kiosk has no way to remove a listener, so later snapshots are ignored.
     * Closing twice is safe.
     */
    void detach() {
        detached = true;
        cancelWindowEnd.stop();
        lockEnd.stop();
        nextMinute.stop();
        undoWindowEnd.stop();
    }

    /** Shows a snapshot; on the JavaFX thread. */
    void render(KioskState state) {
        if (detached) {
            return;
        }
        last = state;
        screen.set(state.screen());
        link.set(state.link());
        linkText.set(text("link." + state.link().name()));
        problemsText.set(problemsText(state.problems()));
        talkVisible.set(voiceOn(state.voiceStatus()));
        voiceText.set(voiceText(state.voiceStatus(), state.voiceActivity()));
        heardText.set(state.voiceActivity().heard());
        HelpView help = state.help();
        Instant now = clock.instant();
        boolean open = help != null && help.status().isOpen();
        boolean down = linkDown(state.link());
        helpStatus.set(help == null ? null : help.status());
        helpText.set(help != null ? open ? openText(help, state.link()) : helpText(help)
                : text(HelpController.NOT_SAVED.equals(state.lastPrompt()) ? HelpController.NOT_SAVED : "help.prompt"));
        helpAgainVisible.set(!open);
        helpOpen.set(open);
        boolean cancellable = help != null && help.cancellable(now);
        boolean confirming = cancellable && help.confirmingCancel();
        boolean phoneShown = open && help.dutyPhone() != null;
        confirmVisible.set(confirming);
        dutyPhone.set(phoneShown ? help.dutyPhone() : "");
        boolean asking = open && !confirming && !phoneShown;
        categoryVisible.set(asking && help.category() == null);
        whoVisible.set(asking && help.asksWho() && !state.checkIn().residents().isEmpty());
        whoChosen.set(open ? chosenText(help, state.checkIn().residents()) : "");
        bandText.set(open ? bandText(help, state.link(), now) : "");
        bandStyle.set(open ? "band-" + (down ? "offline" : help.status().name().toLowerCase(Locale.ROOT)) : "");
        nextMinute.stop();
        if (open) {
            nextMinute.setDuration(javafx.util.Duration.millis(60_001 - (now.toEpochMilli() - help.occurredAt()
                    .toEpochMilli()) % 60_000));
            nextMinute.playFromStart();
        }
        cancelVisible.set(cancellable && !confirming);
        cancelWindowEnd.stop();
        if (cancellable) {
            // A millisecond past the end, so the next render sees the window closed.
            Duration left = Duration.between(now, help.cancellableUntil()).plusMillis(1);
            cancelWindowEnd.setDuration(javafx.util.Duration.millis(left.toMillis()));
            cancelWindowEnd.playFromStart();
        }
        checkIn.set(state.checkIn());
        family.set(state.family());
        boolean undoable = state.checkIn().undoable(now);
        undoVisible.set(undoable);
        undoWindowEnd.stop();
        if (undoable) {
            undoWindowEnd.setDuration(javafx.util.Duration.millis(
                    Duration.between(now, state.checkIn().undoUntil()).plusMillis(1).toMillis()));
            undoWindowEnd.playFromStart();
        }
        CadreView cadreView = state.cadre();
        cadre.set(cadreView);
        pinDots.set("●".repeat(cadreView.digits()));
        cadreGreeting.set(cadreView.cadreName() == null ? "" : text("cadre.greeting", cadreView.cadreName()));
        lockEnd.stop();
        boolean locked = cadreView.answer() == CadreView.PinAnswer.LOCKED && cadreView.lockedUntil() != null
                && now.isBefore(cadreView.lockedUntil());
        if (locked) {
            // The minutes left count down, and the pad's words change back when the lock ends.
            Duration untilNextMinute = Duration.between(now, cadreView.lockedUntil())
                    .minusMinutes(Duration.between(now, cadreView.lockedUntil()).toMinutes());
            lockEnd.setDuration(javafx.util.Duration.millis(untilNextMinute.toMillis() + 1));
            lockEnd.playFromStart();
        }
        pinText.set(pinText(cadreView, locked, now));
    }

    private String pinText(CadreView view, boolean locked, Instant now) {
        if (view.checking()) {
            return text("cadre.pin.checking");
        }
        if (locked) {
            long seconds = Duration.between(now, view.lockedUntil()).toSeconds();
            return text("cadre.pin.locked.minutes", Math.max(1, (seconds + 59) / 60));
        }
        return switch (view.answer()) {
            case NONE, LOCKED -> text("cadre.pin.prompt");
            case TOO_SHORT -> text("cadre.pin.short");
            case WRONG -> text("cadre.pin.wrong");
            case NO_CADRES -> text("cadre.pin.no-cadres");
        };
    }

    /** Shows the current announcements (newest first); on the JavaFX thread. */
    void renderAnnouncements(List<ShownAnnouncement> list) {
        if (!detached) {
            announcements.set(List.copyOf(list));
        }
    }

    private String helpText(HelpView help) {
        return switch (help.status()) {
            case ACKNOWLEDGED -> text("help.status.ACKNOWLEDGED", nameOrSomeone(help.by()));
            case ASSIGNED -> text("help.status.ASSIGNED", nameOrSomeone(help.assignee()));
            default -> text("help.status." + help.status().name());
        };
    }

    /** Whether the hub cannot be reached now (not merely not heard from yet since the start). */
    private static boolean linkDown(LinkState link) {
        return link != LinkState.ONLINE && link != LinkState.CONNECTING;
    }

    /**
     * What the screen may say of an open request: the hub's latest word while online; otherwise only
     * what the kiosk knows. Link down: the line is down, whether the request (or a press again)
     * waits to be sent, and the last state heard with its time. Not yet heard from the hub since the
     * start: the last state heard with its time. Never 「正在赶来」 without the hub.
     */
    private String openText(HelpView help, LinkState link) {
        if (link == LinkState.ONLINE) {
            return helpText(help);
        }
        if (!linkDown(link)) {
            return help.status() == LocalHelpStatus.SAVED ? helpText(help) : lastKnownText(help);
        }
        String head = text(help.unsent() ? "help.offline.unsent" : "help.offline.sent");
        return help.status() == LocalHelpStatus.SAVED ? head : text("help.offline.known", head, lastKnownText(help));
    }

    /** 最后消息（09:12）：李建华 已收到 — the last state the kiosk heard, in words that stay true later. */
    private String lastKnownText(HelpView help) {
        String known = switch (help.status()) {
            case ACKNOWLEDGED -> text("help.known.ACKNOWLEDGED", nameOrSomeone(help.by()));
            case ASSIGNED -> text("help.known.ASSIGNED", nameOrSomeone(help.assignee()));
            default -> text("help.known." + help.status().name());
        };
        return text("help.known.last", CLOCK.format(help.knownAt().atZone(zone)), known);
    }

    /**
     * The band across the home screen: what the help screen says of the request (offline, once the
     * hub has answered it, only 网络不通 and the last word: the band has two lines), and minutes since
     * the press.
     */
    private String bandText(HelpView help, LinkState link, Instant now) {
        String state = linkDown(link) && help.status() != LocalHelpStatus.SAVED
                ? text("help.offline.known", text("help.offline.sent"), lastKnownText(help))
                : openText(help, link);
        long minutes = Math.max(0, Duration.between(help.occurredAt(), now).toMinutes());
        return minutes == 0 ? text("help.band.now", state) : text("help.band.minutes", state, minutes);
    }

    /** 求助人：张桂英 once someone tapped their photo (their id if the roster no longer has them). */
    private String chosenText(HelpView help, List<ResidentTile> residents) {
        if (help.residentId() == null) {
            return "";
        }
        String name = residents.stream().filter(tile -> tile.id().equals(help.residentId())).map(ResidentTile::name)
                .findFirst().orElse(help.residentId());
        return text("help.who.chosen", name);
    }

    private String nameOrSomeone(String name) {
        return name == null || name.isBlank() ? text("help.someone") : name;
    }

    /**
     * The model's voice status is a sentence for logs and heartbeats ("off: no voice model
     * given"); the elder sees the Chinese words for what the voice is doing: 正在听…, 我听到：,
     * 没听清, recording a memo, or that voice is off.
     */
    private String voiceText(String status, VoiceActivity activity) {
        return switch (activity.phase()) {
            case RECORDING_MEMO -> text("ui.voice.memo");
            case MEMO_SAVED -> text("ui.voice.memo.saved");
            case LISTENING -> text("ui.voice.open");
            case HEARD -> text("ui.voice.heard");
            case NOT_UNDERSTOOD -> text("ui.voice.not-understood");
            case IDLE -> voiceOn(status) ? text("ui.voice.listening") : text("voice.off");
        };
    }

    /** Whether the voice works: the model's voice status starts with "ok" then. */
    private static boolean voiceOn(String status) {
        return status != null && status.startsWith("ok");
    }

    /**
     * The device problems for a cadre: the model keeps one sentence per device for logs and
     * heartbeats ("microphone: no input device"); the cadre reads which devices, in Chinese, and
     * what to do. Empty while everything works.
     */
    private String problemsText(List<String> problems) {
        List<String> devices = problems.stream()
                .map(problem -> problem.contains(":") ? problem.substring(0, problem.indexOf(':')) : problem)
                .map(device -> "device." + device.strip().replace(' ', '-'))
                .distinct()
                .map(key -> prompts.has(key) ? text(key) : text("device.other"))
                .distinct()
                .toList();
        return devices.isEmpty() ? "" : text("cadre.problems", String.join("、", devices));
    }

    private String simLine(Simulator sim) {
        StringBuilder line = new StringBuilder(text("ui.sim.title"));
        line.append("  ").append(text("ui.sim.relay", text(sim.relayOn() ? "ui.sim.relay.on" : "ui.sim.relay.off")));
        Map<LampRole, LampState> lamps = new EnumMap<>(LampRole.class);
        for (LampRole role : LampRole.values()) {
            // The 报平安 lamp is a home unit's (no screen); a courtyard kiosk has none.
            if (role != LampRole.CHECKIN) {
                lamps.put(role, sim.lampState(role));
            }
        }
        lamps.forEach((role, state) -> line.append("  ")
                .append(text("ui.sim.lamp", text("ui.sim.lamp." + role.name()), text("ui.sim.lamp." + state.name()))));
        line.append("  ").append(text("ui.sim.keys"));
        return line.toString();
    }

    String text(String key, Object... args) {
        return prompts.text(key, args);
    }

    // Read-only state for the view.

    ReadOnlyObjectProperty<Screen> screenProperty() {
        return screen.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<LinkState> linkProperty() {
        return link.getReadOnlyProperty();
    }

    ReadOnlyStringProperty linkTextProperty() {
        return linkText.getReadOnlyProperty();
    }

    /** Which devices do not work and what to do, for cadre mode; empty while every device works. */
    ReadOnlyStringProperty problemsTextProperty() {
        return problemsText.getReadOnlyProperty();
    }

    /** Whether the home screen offers 说话: only while the voice works. */
    ReadOnlyBooleanProperty talkVisibleProperty() {
        return talkVisible.getReadOnlyProperty();
    }

    /** Whether the thanks of a check-in offer 「不是我」: for a few seconds after the tap. */
    ReadOnlyBooleanProperty undoVisibleProperty() {
        return undoVisible.getReadOnlyProperty();
    }

    /** Null before the first help request. */
    ReadOnlyObjectProperty<LocalHelpStatus> helpStatusProperty() {
        return helpStatus.getReadOnlyProperty();
    }

    ReadOnlyStringProperty helpTextProperty() {
        return helpText.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty cancelVisibleProperty() {
        return cancelVisible.getReadOnlyProperty();
    }

    /**
     * Whether the help screen offers the red 求助 button itself: when there is no request, or
     * the latest one is over (resolved, or taken back with 按错了, perhaps by mistake too).
     */
    ReadOnlyBooleanProperty helpAgainVisibleProperty() {
        return helpAgainVisible.getReadOnlyProperty();
    }

    /** Whether the help screen asks 紧急/看病/生活/其他: an open request whose kind is not known yet. */
    ReadOnlyBooleanProperty categoryVisibleProperty() {
        return categoryVisible.getReadOnlyProperty();
    }

    /** Whether a request is open: the home screen's 求助 reads 求助中 and the band shows. */
    ReadOnlyBooleanProperty helpOpenProperty() {
        return helpOpen.getReadOnlyProperty();
    }

    /** The band across the home screen while a request is open: the state in words and minutes since. */
    ReadOnlyStringProperty bandTextProperty() {
        return bandText.getReadOnlyProperty();
    }

    /** The band's style class: {@code band-delivered}, {@code band-acknowledged}, … or {@code band-offline}. */
    ReadOnlyStringProperty bandStyleProperty() {
        return bandStyle.getReadOnlyProperty();
    }

    /** Whether the help screen asks 「您是哪一位？」 with the residents' tiles. */
    ReadOnlyBooleanProperty whoVisibleProperty() {
        return whoVisible.getReadOnlyProperty();
    }

    /** 求助人：张桂英 once chosen, else empty. */
    ReadOnlyStringProperty whoChosenProperty() {
        return whoChosen.getReadOnlyProperty();
    }

    /** Whether 「确定取消求助吗？」 waits for its answer. */
    ReadOnlyBooleanProperty confirmVisibleProperty() {
        return confirmVisible.getReadOnlyProperty();
    }

    /** The village's duty phone while it must be shown (offline two minutes, request unsent), else empty. */
    ReadOnlyStringProperty dutyPhoneProperty() {
        return dutyPhone.getReadOnlyProperty();
    }

    ReadOnlyStringProperty voiceTextProperty() {
        return voiceText.getReadOnlyProperty();
    }

    /** What the voice heard (so far, or in the end), shown under {@link #voiceTextProperty()}; may be empty. */
    ReadOnlyStringProperty heardTextProperty() {
        return heardText.getReadOnlyProperty();
    }

    /** The relay and lamps of simulated hardware; empty on a real kiosk. */
    ReadOnlyStringProperty simTextProperty() {
        return simText.getReadOnlyProperty();
    }

    boolean simulated() {
        return simulator.isPresent();
    }

    /** The current announcements, newest first, for the announcements screen. */
    ReadOnlyObjectProperty<List<ShownAnnouncement>> announcementsProperty() {
        return announcements.getReadOnlyProperty();
    }

    /** The residents' tiles and the last "thank you". */
    ReadOnlyObjectProperty<CheckInView> checkInProperty() {
        return checkIn.getReadOnlyProperty();
    }

    /** Family messages: the envelopes' counts and what the messages screen shows. */
    ReadOnlyObjectProperty<FamilyView> familyProperty() {
        return family.getReadOnlyProperty();
    }

    /** Cadre mode: PIN state, the signed-in cadre, the visit record. */
    ReadOnlyObjectProperty<CadreView> cadreProperty() {
        return cadre.getReadOnlyProperty();
    }

    /** What the PIN pad says: what to do, what went wrong, or how many minutes it stays locked. */
    ReadOnlyStringProperty pinTextProperty() {
        return pinText.getReadOnlyProperty();
    }

    /** One dot per typed digit; the digits themselves are never shown. */
    ReadOnlyStringProperty pinDotsProperty() {
        return pinDots.getReadOnlyProperty();
    }

    ReadOnlyStringProperty cadreGreetingProperty() {
        return cadreGreeting.getReadOnlyProperty();
    }

    /** The buttons of the cadre menu, as the kiosk's features registered them. */
    java.util.List<CadreAction> cadreActions() {
        return kiosk.cadre().actions().all();
    }

    // Commands: each calls the controller it needs. Every touch already restarts the idle timer
    // (the scene's filter calls touch()).

    void help() {
        kiosk.help().requestHelp(HelpSource.SCREEN, null);
    }

    void cancelHelp() {
        kiosk.help().cancel();
    }

    /** 「确定取消求助吗？」 answered 是. */
    void confirmCancel() {
        kiosk.help().confirmCancel();
    }

    /** 「确定取消求助吗？」 answered 不取消. */
    void keepRequest() {
        kiosk.help().keepRequest();
    }

    /** 「您是哪一位？」 answered with a resident's tile. */
    void chooseResident(String residentId) {
        kiosk.help().chooseResident(residentId);
    }

    void chooseCategory(HelpCategory category) {
        kiosk.help().chooseCategory(category);
    }

    void checkIn() {
        kiosk.screens().open(Screen.CHECK_IN);
    }

    /** A resident's tile. */
    void checkIn(String residentId) {
        kiosk.checkIn().checkIn(residentId);
    }

    void nextCheckIn() {
        kiosk.checkIn().next();
    }

    /** A 村民小组 on the check-in screen's first step. */
    void checkInSection(String key) {
        kiosk.checkIn().chooseSection(key);
    }

    /** A part by name (陈—李) of a list too long for the screen's pages. */
    void checkInPart(int index) {
        kiosk.checkIn().choosePart(index);
    }

    /** 「不是我」 after a check-in. */
    void undoCheckIn() {
        kiosk.checkIn().undo();
    }

    /** The discreet 村干部 button. */
    void enterCadre() {
        kiosk.cadre().enter();
    }

    void pinDigit(int digit) {
        kiosk.cadre().digit(digit);
    }

    void pinErase() {
        kiosk.cadre().erase();
    }

    void pinConfirm() {
        kiosk.cadre().confirm();
    }

    void cadreAction(String actionId) {
        kiosk.cadre().run(actionId);
    }

    void visitResident(String residentId) {
        kiosk.cadre().visit(residentId);
    }

    void visitNote(String noteKey) {
        kiosk.cadre().note(noteKey);
    }

    void anotherVisit() {
        kiosk.cadre().anotherVisit();
    }

    void cadreMenu() {
        kiosk.cadre().menu();
    }

    /** 立即播放: an announcement was tapped. */
    void cadrePlayNow(String announcementId) {
        kiosk.broadcasts().play(announcementId);
    }

    void cadreStopPlay() {
        kiosk.broadcasts().stopPlay();
    }

    /** 现场广播: the talk button is pressed. */
    void pressTalk() {
        kiosk.broadcasts().pressTalk();
    }

    /** 现场广播: the talk button is let go. */
    void releaseTalk() {
        kiosk.broadcasts().releaseTalk();
    }

    /** 听 and 再听一遍. */
    void hearMessage() {
        kiosk.family().hear();
    }

    /** 不听 and 好了: back to 报平安. */
    void closeMessages() {
        kiosk.family().close(true);
    }

    /** 下一条. */
    void nextMessage() {
        kiosk.family().next();
    }

    /** 回复 pressed: recording starts. */
    void pressReply() {
        kiosk.family().startReply();
    }

    /** 回复 let go: recording ends and is sent. */
    void releaseReply() {
        kiosk.family().stopReply();
    }

    void exitCadre() {
        kiosk.cadre().exit();
    }

    void announcements() {
        kiosk.screens().open(Screen.ANNOUNCEMENTS);
    }

    /** The big play button of an announcement. */
    void playAnnouncement(String id) {
        kiosk.screens().playAnnouncement(id);
    }

    void talk() {
        kiosk.voice().listen();
    }

    void home() {
        kiosk.screens().open(Screen.HOME);
    }

    /**
     * 返回: one step back from what the screen showed when it was tapped. On the check-in screen,
     * from a part by name or a 村民小组 to the step before; from anywhere else, home.
     */
    void back() {
        KioskState shown = last;
        if (shown != null && shown.screen() == Screen.CHECK_IN && shown.checkIn().canGoBack()) {
            kiosk.checkIn().back();
        } else {
            home();
        }
    }

    void repeat() {
        kiosk.screens().repeat();
    }

    /** Any touch anywhere on the screen. */
    void touch() {
        kiosk.idle().touch();
    }

    /** Key H with simulated hardware: a short press of the physical help button. */
    void pressHardwareButton() {
        simulator.ifPresent(Simulator::pressButton);
    }

    /** Key L with simulated hardware: a long press of the physical help button. */
    void longPressHardwareButton() {
        simulator.ifPresent(Simulator::longPressButton);
    }
}
