package org.courtyard.kiosk.screens;

import org.courtyard.kiosk.announce.Announcer;
import org.courtyard.kiosk.core.KioskModel;
import org.courtyard.kiosk.core.Screen;
import org.courtyard.kiosk.speech.Feedback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The screens an elder opens from home (求助, 报平安, 听通知, home itself), each spoken as it opens;
 * the announcements screen's play button and 听通知's "play the newest"; 再说一遍. Cadre mode and
 * listening open through their own controllers. All methods hand their work to the model's queue
 * and return at once.
 */
public final class Screens {

    private static final Logger LOG = LoggerFactory.getLogger(Screens.class);

    private final KioskModel model;
    private final Feedback feedback;
    private final Announcer announcer;

    public Screens(KioskModel model, Feedback feedback, Announcer announcer) {
        this.model = model;
        this.feedback = feedback;
        this.announcer = announcer;
    }

    /**
     * Shows HOME, HELP, CHECK_IN or ANNOUNCEMENTS and says what it is for.
     *
     * @throws IllegalArgumentException for the screens of cadre mode and LISTENING, which open
     *     through the cadre controller and the voice
     */
    public void open(Screen screen) {
        if (screen != Screen.HOME && screen != Screen.HELP && screen != Screen.CHECK_IN
                && screen != Screen.ANNOUNCEMENTS) {
            throw new IllegalArgumentException(screen + " opens through cadre mode or the voice");
        }
        model.execute(() -> {
            model.update(state -> state.withScreen(screen));
            say(switch (screen) {
                case HOME -> "home.prompt";
                case HELP -> "help.prompt";
                // Which group first when the screen offers the village's groups, else which photo.
                case CHECK_IN -> model.state().checkIn().openingPrompt();
                default -> announcer.current().isEmpty() ? "announcements.none" : "announcements.prompt";
            });
        });
    }

    /**
     * The big play button of an announcement on the screen: plays it on the kiosk's own speaker
     * (see {@link Announcer#playOnScreen}); if its audio is not here yet, says so.
     */
    public void playAnnouncement(String announcementId) {
        model.execute(() -> playOnScreen(announcementId));
    }

    /** 听通知 (a confirmed voice command): the announcements screen, playing the newest current one. */
    public void playNewest() {
        model.execute(() -> {
            model.update(state -> state.withScreen(Screen.ANNOUNCEMENTS));
            announcer.newest().ifPresentOrElse(newest -> {
                if (newest.playable()) {
                    playOnScreen(newest.id());
                } else {
                    say(newest.recorded() ? "announcements.not-ready" : "announcements.no-recording");
                }
            }, () -> say("announcements.none"));
        });
    }

    /** Speaks the last prompt again (再说一遍, or the screen's replay button). */
    public void repeat() {
        model.execute(() -> {
            String last = model.state().lastPrompt();
            feedback.say(last == null ? "home.prompt" : last);
        });
    }

    /** Speaks {@code key} and keeps it as the prompt 再说一遍 repeats; on the model's thread. */
    public void say(String key) {
        model.update(state -> state.withLastPrompt(key));
        feedback.say(key);
    }

    /** On the model thread: plays one announcement for the screen, or says why it cannot. */
    private void playOnScreen(String announcementId) {
        try {
            announcer.playOnScreen(announcementId);
        } catch (IllegalStateException e) {
            LOG.info("Cannot play announcement {} yet: {}", announcementId, e.getMessage());
            say("announcements.not-ready");
        } catch (IllegalArgumentException e) {
            LOG.info("Announcement {} is no longer current: {}", announcementId, e.getMessage());
            say("announcements.none");
        }
    }
}
