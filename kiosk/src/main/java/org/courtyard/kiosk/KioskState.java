package org.courtyard.kiosk;

import java.util.List;
import org.courtyard.kiosk.sync.LinkState;
import org.courtyard.kiosk.voice.VoiceActivity;

/**
 * Everything the screens, the lamps and the headless console show, as one immutable snapshot.
 * {@code help} is null before the first request; {@code lastPrompt} is the message key last spoken,
 * for 再说一遍; {@code problems} are sentences about missing devices or voice, for the status line;
 * {@code voiceActivity} is what the LISTENING screen shows (正在听…, what was heard).
 */
public record KioskState(Screen screen, LinkState link, String linkDetail, HelpView help, String lastPrompt,
        String voiceStatus, List<String> problems, VoiceActivity voiceActivity) {

    public KioskState {
        problems = List.copyOf(problems);
    }

    public static KioskState initial(String voiceStatus, List<String> problems) {
        return new KioskState(Screen.HOME, LinkState.CONNECTING, "", null, null, voiceStatus, problems,
                VoiceActivity.IDLE);
    }

    public KioskState withScreen(Screen value) {
        return new KioskState(value, link, linkDetail, help, lastPrompt, voiceStatus, problems, voiceActivity);
    }

    public KioskState withLink(LinkState value, String detail) {
        return new KioskState(screen, value, detail, help, lastPrompt, voiceStatus, problems, voiceActivity);
    }

    public KioskState withHelp(HelpView value) {
        return new KioskState(screen, link, linkDetail, value, lastPrompt, voiceStatus, problems, voiceActivity);
    }

    public KioskState withLastPrompt(String value) {
        return new KioskState(screen, link, linkDetail, help, value, voiceStatus, problems, voiceActivity);
    }

    public KioskState withVoiceStatus(String value) {
        return new KioskState(screen, link, linkDetail, help, lastPrompt, value, problems, voiceActivity);
    }

    public KioskState withVoiceActivity(VoiceActivity value) {
        return new KioskState(screen, link, linkDetail, help, lastPrompt, voiceStatus, problems, value);
    }
}
