package org.courtyard.kiosk.voice;

import java.util.Optional;
import org.courtyard.kiosk.core.KioskModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns heard text into action. HELP acts at once — an elder in trouble is not asked twice.
 * Everything else is first read back ("您是要报平安吗？") and acts on YES; NO or a new command drops
 * it. REPEAT speaks the last prompt again. Text that matches nothing is ignored.
 */
public final class VoiceCommands {

    private static final Logger LOG = LoggerFactory.getLogger(VoiceCommands.class);

    /** What the kiosk does for each confirmed intent. */
    public interface Actions {
        /** Raises a help request; {@code transcript} is what the elder said, for the hub. */
        void help(boolean medical, String transcript);

        void checkIn();

        void playAnnouncements();

        void cancelHelp();

        void repeat();

        /** Speaks the read-back question for {@code intent}. */
        void confirm(Intent intent);

        /** Speaks that the command was dropped. */
        void dropped();
    }

    private final KioskModel model;
    private final IntentMatcher matcher;
    private final Actions actions;
    private Intent pending;
    private String pendingText;

    public VoiceCommands(KioskModel model, IntentMatcher matcher, Actions actions) {
        this.model = model;
        this.matcher = matcher;
        this.actions = actions;
    }

    /** Handles one utterance (recognised, or typed with the headless {@code say} command). */
    public void hear(String text) {
        model.execute(() -> {
            Optional<Intent> intent = matcher.match(text);
            LOG.info("Heard '{}' -> {}", text, intent.map(Enum::name).orElse("nothing"));
            intent.ifPresent(found -> handle(found, text));
        });
    }

    private void handle(Intent intent, String text) {
        switch (intent) {
            case HELP -> {
                pending = null;
                actions.help(false, text);
            }
            case YES -> {
                Intent confirmed = pending;
                pending = null;
                if (confirmed != null) {
                    act(confirmed, pendingText);
                }
            }
            case NO -> {
                if (pending != null) {
                    pending = null;
                    actions.dropped();
                }
            }
            case REPEAT -> actions.repeat();
            default -> {
                pending = intent;
                pendingText = text;
                actions.confirm(intent);
            }
        }
    }

    private void act(Intent intent, String text) {
        switch (intent) {
            case HELP_MEDICAL -> actions.help(true, text);
            case CHECK_IN -> actions.checkIn();
            case PLAY_ANNOUNCEMENTS -> actions.playAnnouncements();
            case CANCEL -> actions.cancelHelp();
            default -> throw new IllegalStateException("intent " + intent + " is never read back");
        }
    }

    /** The intent waiting for a YES, if any; for the screen's read-back question. */
    public Optional<Intent> pending() {
        return Optional.ofNullable(pending);
    }
}
