package org.courtyard.kiosk;

import java.util.List;
import org.courtyard.kiosk.sync.LinkState;

/**
 * Everything the screens, the lamps and the headless console show, as one immutable snapshot.
 * {@code help} is null before the first request; {@code lastPrompt} is the message key last spoken,
 * for 再说一遍; {@code problems} are sentences about missing devices or voice, for the status line.
 */
public record KioskState(Screen screen, LinkState link, String linkDetail, HelpView help, String lastPrompt,
        String voiceStatus, List<String> problems) {

    public KioskState {
        problems = List.copyOf(problems);
    }

    public static KioskState initial(String voiceStatus, List<String> problems) {
        return new KioskState(Screen.HOME, LinkState.CONNECTING, "", null, null, voiceStatus, problems);
    }

    public KioskState withScreen(Screen value) {
        return new KioskState(value, link, linkDetail, help, lastPrompt, voiceStatus, problems);
    }

    public KioskState withLink(LinkState value, String detail) {
        return new KioskState(screen, value, detail, help, lastPrompt, voiceStatus, problems);
    }

    public KioskState withHelp(HelpView value) {
        return new KioskState(screen, link, linkDetail, value, lastPrompt, voiceStatus, problems);
    }

    public KioskState withLastPrompt(String value) {
        return new KioskState(screen, link, linkDetail, help, value, voiceStatus, problems);
    }
}
