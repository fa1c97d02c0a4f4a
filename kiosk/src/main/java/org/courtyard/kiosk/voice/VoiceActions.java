package org.courtyard.kiosk.voice;

import java.util.Locale;
import org.courtyard.kiosk.core.Screen;
import org.courtyard.kiosk.help.HelpController;
import org.courtyard.kiosk.screens.Screens;
import org.courtyard.protocol.HelpCategory;
import org.courtyard.protocol.HelpSource;

/** What a voice command does: the same controllers the screen and the buttons call. */
public final class VoiceActions implements VoiceCommands.Actions {

    private final HelpController help;
    private final Screens screens;
    private final Runnable checkIn;

    /** A courtyard kiosk's: 报平安 opens the check-in screen. */
    public VoiceActions(HelpController help, Screens screens) {
        this(help, screens, () -> screens.open(Screen.CHECK_IN));
    }

    /** With {@code checkIn} for a confirmed 报平安 (a home unit checks its resident in at once). */
    public VoiceActions(HelpController help, Screens screens, Runnable checkIn) {
        this.help = help;
        this.screens = screens;
        this.checkIn = checkIn;
    }

    @Override
    public void help(boolean medical, String transcript) {
        help.requestHelp(HelpSource.VOICE, medical ? HelpCategory.MEDICAL : null, transcript);
    }

    @Override
    public void checkIn() {
        checkIn.run();
    }

    @Override
    public void playAnnouncements() {
        screens.playNewest();
    }

    @Override
    public void cancelHelp() {
        // The voice asked 「您是要取消求助吗？」 already; a spoken 是 is the answer.
        help.confirmCancel();
    }

    @Override
    public void repeat() {
        screens.repeat();
    }

    @Override
    public void confirm(Intent intent) {
        screens.say("voice.confirm." + intent.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public void dropped() {
        screens.say("voice.dropped");
    }
}
