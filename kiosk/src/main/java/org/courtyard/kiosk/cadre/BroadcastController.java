package org.courtyard.kiosk.cadre;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.courtyard.hardware.PlayResult;
import org.courtyard.kiosk.announce.LiveBroadcast;
import org.courtyard.kiosk.core.CadreBroadcast.Phase;
import org.courtyard.kiosk.core.CadreBroadcast;
import org.courtyard.kiosk.core.KioskModel;
import org.courtyard.kiosk.core.KioskState;
import org.courtyard.kiosk.core.Screen;
import org.courtyard.kiosk.core.ShownAnnouncement;
import org.courtyard.kiosk.speech.Feedback;
import org.courtyard.protocol.AnnouncementPlayed;
import org.courtyard.protocol.PlayOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cadre's two announcement buttons: 立即播放 (a current announcement over the loudspeaker now)
 * and 现场广播 (hold to talk). Commands queue on the kiosk model's thread, so a quick press and
 * release of the talk button are handled in that order, and state changes come back through it.
 *
 * <p><b>Never a relay left on.</b> A live broadcast ends when the button is let go, and also whenever
 * the screen leaves {@link Screen#CADRE_LIVE} for any reason (回到菜单, 返回, a help press, the idle
 * minute, 退出), because every screen change passes the model's listeners; the announcer ends it
 * after {@code announce.live-max-seconds} in case the release never arrives, and at shutdown. The
 * loudspeaker switches the relay off after it however it ends. An EMERGENCY that falls due meanwhile
 * waits for the cadre to let go (the announcer's rule); the screen says so in large letters. While
 * an emergency plays, talking is refused with the reason.
 *
 * <p>A play-now goes to the announcer's player like every play, so it never overlaps another; it
 * keeps playing when the cadre leaves the screen (they asked for it), and 停止 stops it.
 */
public final class BroadcastController {

    /** The menu's 立即播放. */
    public static final String PLAY_NOW_ACTION = "announce.play-now";
    /** The menu's 现场广播. */
    public static final String LIVE_ACTION = "announce.live";

    private static final Logger LOG = LoggerFactory.getLogger(BroadcastController.class);

    /** What the controller uses of the kiosk: its announcement commands. */
    public interface Broadcasting {

        /** The current announcements, newest first. */
        List<ShownAnnouncement> current();

        /** Plays a current announcement over the loudspeaker now, through the one player. */
        CompletableFuture<AnnouncementPlayed> playNow(String announcementId);

        /** Stops a play-now; false if it is over already. */
        boolean stop(CompletableFuture<AnnouncementPlayed> play);

        /** Starts a live broadcast: the microphone goes out over the loudspeaker. */
        LiveBroadcast startLiveBroadcast();

        /** Ends the live broadcast, if one is on. */
        void stopLiveBroadcast();

        boolean microphoneAvailable();

        /** Whether an EMERGENCY announcement is playing or due now. */
        boolean emergencyPending();
    }

    private final KioskModel model;
    private final Broadcasting broadcasting;
    private final Feedback feedback;
    /** The play-now in progress; on the model's thread only. */
    private CompletableFuture<AnnouncementPlayed> playing;
    /** The live broadcast in progress, until its relay is off. */
    private volatile LiveBroadcast live;

    public BroadcastController(KioskModel model, Broadcasting broadcasting, Feedback feedback) {
        this.model = model;
        this.broadcasting = broadcasting;
        this.feedback = feedback;
        model.addListener(this::followScreen);
    }

    /** Adds 立即播放 and 现场广播 to the cadre menu. */
    public void register(CadreActions actions) {
        actions.add(new CadreAction(PLAY_NOW_ACTION, "cadre.action.play-now", "announcements-button",
                "announcements", session -> openPlayNow()));
        actions.add(new CadreAction(LIVE_ACTION, "cadre.action.live", "talk-button", "talk",
                session -> openLive()));
    }

    // 立即播放.

    /** On the model's thread, for the signed-in cadre: the list of current announcements. */
    private void openPlayNow() {
        boolean busy = playing != null && !playing.isDone();
        model.update(state -> state.withScreen(Screen.CADRE_PLAY).withCadre(state.cadre()
                .withBroadcast(busy ? state.cadre().broadcast() : CadreBroadcast.NONE)));
        if (!busy) {
            speak(broadcasting.current().isEmpty() ? "cadre.play.none" : "cadre.play.prompt");
        }
    }

    /**
     * The cadre tapped an announcement: it goes out over the loudspeaker at once (after whatever
     * is playing), or the screen says why not. One at a time: a tap while one plays is ignored.
     */
    public void play(String announcementId) {
        model.execute(() -> {
            if (!signedInOn(Screen.CADRE_PLAY) || playing != null && !playing.isDone()) {
                return;
            }
            Optional<ShownAnnouncement> shown = broadcasting.current().stream()
                    .filter(announcement -> announcement.id().equals(announcementId)).findFirst();
            if (shown.isEmpty()) {
                notice("cadre.play.gone");
                return;
            }
            if (!shown.get().playable()) {
                notice(shown.get().recorded() ? "cadre.play.not-ready" : "cadre.play.no-recording");
                return;
            }
            CompletableFuture<AnnouncementPlayed> play;
            try {
                play = broadcasting.playNow(announcementId);
            } catch (IllegalArgumentException e) {
                LOG.info("Play now of {} refused: {}", announcementId, e.getMessage());
                notice("cadre.play.gone");
                return;
            } catch (IllegalStateException e) {
                LOG.info("Play now of {} refused: {}", announcementId, e.getMessage());
                notice("cadre.play.not-ready");
                return;
            }
            playing = play;
            model.update(state -> state.withCadre(state.cadre()
                    .withBroadcast(CadreBroadcast.playing(announcementId, shown.get().title()))));
            LOG.info("A cadre plays announcement {} now", announcementId);
            play.whenComplete((played, error) -> model.execute(() -> played(play, played, error)));
        });
    }

    /** 停止: stops the play-now, whether it is waiting for its turn or playing. */
    public void stopPlay() {
        model.execute(() -> {
            if (playing != null && !broadcasting.stop(playing)) {
                LOG.debug("The play to stop had ended already");
            }
        });
    }

    /** On the model's thread, when the play-now is over. */
    private void played(CompletableFuture<AnnouncementPlayed> play, AnnouncementPlayed played, Throwable error) {
        if (play != playing) {
            return;
        }
        playing = null;
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String key;
        if (cause instanceof CancellationException) {
            key = "cadre.play.stopped";
        } else if (cause == null && played.outcome() == PlayOutcome.PLAYED) {
            key = "cadre.play.done";
        } else {
            LOG.warn("Play now ended without playing: {}", cause != null ? cause.getMessage() : played.detail());
            key = "cadre.play.failed";
        }
        KioskState state = model.state();
        if (!state.screen().signedIn() || state.cadre().broadcast().phase() != Phase.PLAYING) {
            return;
        }
        model.update(current -> current.withCadre(current.cadre().withBroadcast(current.cadre().broadcast()
                .played(key))));
        if (state.screen() == Screen.CADRE_PLAY) {
            speak(key);
        }
    }

    // 现场广播.

    /** On the model's thread, for the signed-in cadre: the talk button. */
    private void openLive() {
        boolean microphone = broadcasting.microphoneAvailable();
        model.update(state -> state.withScreen(Screen.CADRE_LIVE).withCadre(state.cadre().withBroadcast(
                microphone ? CadreBroadcast.NONE : CadreBroadcast.notice("cadre.live.no-microphone"))));
        speak(microphone ? "cadre.live.prompt" : "cadre.live.no-microphone");
    }

    /** The talk button is pressed: relay on, warm-up, chime, then the microphone, until {@link #releaseTalk()}. */
    public void pressTalk() {
        model.execute(() -> {
            if (!signedInOn(Screen.CADRE_LIVE) || live != null) {
                return;
            }
            if (!broadcasting.microphoneAvailable()) {
                notice("cadre.live.no-microphone");
                return;
            }
            if (broadcasting.emergencyPending()) {
                // Not spoken: the prompt would wait for the emergency's end on the same loudspeaker.
                model.update(state -> state.withCadre(state.cadre()
                        .withBroadcast(CadreBroadcast.notice("cadre.live.emergency"))));
                return;
            }
            LiveBroadcast started;
            try {
                started = broadcasting.startLiveBroadcast();
            } catch (IllegalStateException e) {
                LOG.warn("Live broadcast refused: {}", e.getMessage());
                model.update(state -> state.withCadre(state.cadre().withBroadcast(CadreBroadcast.notice(
                        broadcasting.emergencyPending() ? "cadre.live.emergency" : "cadre.live.failed"))));
                return;
            }
            live = started;
            model.update(state -> state.withCadre(state.cadre().withBroadcast(CadreBroadcast.live(false))));
            started.result().whenComplete((result, error) -> model.execute(() -> liveEnded(started, result)));
        });
    }

    /** The talk button is let go: the broadcast ends, the tail plays, the relay goes off. */
    public void releaseTalk() {
        model.execute(this::stopLive);
    }

    /** Whether a live broadcast is on (its relay may still be on); safe from any thread. */
    public boolean live() {
        return live != null;
    }

    /**
     * For the {@link org.courtyard.kiosk.core.IdleTimer}, once a second: a cadre holding the talk
     * button is at the kiosk without touching it (the idle minute starts when they let go;
     * {@code announce.live-max-seconds} ends a broadcast whose release never came). Also looks
     * whether an emergency now waits for the broadcast, for the screen.
     */
    public boolean talking() {
        if (live == null) {
            return false;
        }
        checkEmergency();
        return true;
    }

    /** Looks whether an emergency waits for the live broadcast, for the screen. */
    private void checkEmergency() {
        model.execute(() -> {
            CadreBroadcast shown = model.state().cadre().broadcast();
            if (live == null || shown.phase() != Phase.LIVE) {
                return;
            }
            boolean waiting = broadcasting.emergencyPending();
            if (waiting != shown.emergencyWaiting()) {
                model.update(state -> state.withCadre(state.cadre().withBroadcast(CadreBroadcast.live(waiting))));
            }
        });
    }

    private void stopLive() {
        if (live != null) {
            broadcasting.stopLiveBroadcast();
        }
    }

    /** On the model's thread, when the broadcast is over and the relay is off. */
    private void liveEnded(LiveBroadcast broadcast, PlayResult result) {
        if (live != broadcast) {
            return;
        }
        live = null;
        String key = result != null && result.outcome() == PlayResult.Outcome.FAILED ? "cadre.live.failed"
                : "cadre.live.ended";
        LOG.info("Live broadcast over ({})", result == null ? "no result" : result.outcome());
        KioskState state = model.state();
        if (state.cadre().broadcast().phase() != Phase.LIVE) {
            return;
        }
        model.update(current -> current.withCadre(current.cadre().withBroadcast(CadreBroadcast.liveEnded(key))));
        if (state.screen() == Screen.CADRE_LIVE) {
            speak(key);
        }
    }

    /** Every state change: off the talk screen, no broadcast may go on. */
    private void followScreen(KioskState state) {
        if (live != null && state.screen() != Screen.CADRE_LIVE) {
            LOG.info("The talk screen was left during a live broadcast; ending it");
            stopLive();
        }
    }

    // Helpers, on the model's thread.

    private boolean signedInOn(Screen screen) {
        KioskState state = model.state();
        return state.screen() == screen && state.cadre().signedIn();
    }

    private void notice(String key) {
        model.update(state -> state.withCadre(state.cadre().withBroadcast(CadreBroadcast.notice(key))));
        speak(key);
    }

    private void speak(String key) {
        model.update(state -> state.withLastPrompt(key));
        feedback.say(key);
    }
}
