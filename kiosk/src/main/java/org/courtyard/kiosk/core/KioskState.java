package org.courtyard.kiosk.core;

import java.util.List;
import org.courtyard.hardware.DeviceHealth;

/**
 * Everything the screens, the lamps and the headless console show, as one immutable snapshot.
 * {@code help} is null before the first request; {@code lastPrompt} is the message key last spoken,
 * for 再说一遍; {@code problems} are sentences about missing devices or voice, for the status line;
 * {@code checkIn} the residents' tiles; {@code cadre} the state of cadre mode;
 * {@code voiceActivity} is what the LISTENING screen shows (正在听…, what was heard);
 * {@code family} the unheard family messages and what the messages screen shows.
 *
 * <p>{@link #withScreen} keeps two rules, whoever changes the screen (a tap, the idle timer, the
 * help button): entering the check-in screen starts it again (the first step, no "thank you"),
 * leaving the signed-in cadre screens ends the cadre's session, so cadre mode is never left open
 * behind an elder, and leaving the messages screen forgets what it showed.
 */
public record KioskState(Screen screen, LinkState link, String linkDetail, HelpView help, String lastPrompt,
        String voiceStatus, List<String> problems, CheckInView checkIn, CadreView cadre,
        VoiceActivity voiceActivity, FamilyView family) {

    public KioskState {
        problems = List.copyOf(problems);
        checkIn = checkIn == null ? CheckInView.EMPTY : checkIn;
        cadre = cadre == null ? CadreView.NONE : cadre;
        voiceActivity = voiceActivity == null ? VoiceActivity.IDLE : voiceActivity;
        family = family == null ? FamilyView.NONE : family;
    }

    /** A state without family messages. */
    public KioskState(Screen screen, LinkState link, String linkDetail, HelpView help, String lastPrompt,
            String voiceStatus, List<String> problems, CheckInView checkIn, CadreView cadre,
            VoiceActivity voiceActivity) {
        this(screen, link, linkDetail, help, lastPrompt, voiceStatus, problems, checkIn, cadre, voiceActivity,
                FamilyView.NONE);
    }

    /** A state without residents, outside cadre mode and not listening. */
    public KioskState(Screen screen, LinkState link, String linkDetail, HelpView help, String lastPrompt,
            String voiceStatus, List<String> problems) {
        this(screen, link, linkDetail, help, lastPrompt, voiceStatus, problems, CheckInView.EMPTY, CadreView.NONE,
                VoiceActivity.IDLE);
    }

    /** A state without residents and outside cadre mode. */
    public KioskState(Screen screen, LinkState link, String linkDetail, HelpView help, String lastPrompt,
            String voiceStatus, List<String> problems, VoiceActivity voiceActivity) {
        this(screen, link, linkDetail, help, lastPrompt, voiceStatus, problems, CheckInView.EMPTY, CadreView.NONE,
                voiceActivity);
    }

    /** A state that is not listening. */
    public KioskState(Screen screen, LinkState link, String linkDetail, HelpView help, String lastPrompt,
            String voiceStatus, List<String> problems, CheckInView checkIn, CadreView cadre) {
        this(screen, link, linkDetail, help, lastPrompt, voiceStatus, problems, checkIn, cadre, VoiceActivity.IDLE);
    }

    /** At start: home, connecting, with a sentence for each device that does not work. */
    public static KioskState starting(String voiceStatus, List<DeviceHealth> health) {
        return initial(voiceStatus, health.stream().filter(device -> !device.ok())
                .map(device -> device.device() + ": " + device.detail()).toList());
    }

    public static KioskState initial(String voiceStatus, List<String> problems) {
        return new KioskState(Screen.HOME, LinkState.CONNECTING, "", null, null, voiceStatus, problems,
                CheckInView.EMPTY, CadreView.NONE, VoiceActivity.IDLE);
    }

    public KioskState withScreen(Screen value) {
        CheckInView nextCheckIn = value == Screen.CHECK_IN && screen != Screen.CHECK_IN
                ? checkIn.opened() : checkIn;
        CadreView nextCadre = value.signedIn() || value == Screen.CADRE_PIN ? cadre : CadreView.NONE;
        FamilyView nextFamily = value == Screen.MESSAGES ? family : family.withShown(null);
        return new KioskState(value, link, linkDetail, help, lastPrompt, voiceStatus, problems, nextCheckIn, nextCadre,
                voiceActivity, nextFamily);
    }

    public KioskState withLink(LinkState value, String detail) {
        return new KioskState(screen, value, detail, help, lastPrompt, voiceStatus, problems, checkIn, cadre,
                voiceActivity, family);
    }

    public KioskState withHelp(HelpView value) {
        return new KioskState(screen, link, linkDetail, value, lastPrompt, voiceStatus, problems, checkIn, cadre,
                voiceActivity, family);
    }

    public KioskState withLastPrompt(String value) {
        return new KioskState(screen, link, linkDetail, help, value, voiceStatus, problems, checkIn, cadre,
                voiceActivity, family);
    }

    public KioskState withVoiceStatus(String value) {
        return new KioskState(screen, link, linkDetail, help, lastPrompt, value, problems, checkIn, cadre,
                voiceActivity, family);
    }

    public KioskState withVoiceActivity(VoiceActivity value) {
        return new KioskState(screen, link, linkDetail, help, lastPrompt, voiceStatus, problems, checkIn, cadre,
                value, family);
    }

    public KioskState withProblems(List<String> value) {
        return new KioskState(screen, link, linkDetail, help, lastPrompt, voiceStatus, value, checkIn, cadre,
                voiceActivity, family);
    }

    public KioskState withCheckIn(CheckInView value) {
        return new KioskState(screen, link, linkDetail, help, lastPrompt, voiceStatus, problems, value, cadre,
                voiceActivity, family);
    }

    public KioskState withFamily(FamilyView value) {
        return new KioskState(screen, link, linkDetail, help, lastPrompt, voiceStatus, problems, checkIn, cadre,
                voiceActivity, value);
    }

    public KioskState withCadre(CadreView value) {
        return new KioskState(screen, link, linkDetail, help, lastPrompt, voiceStatus, problems, checkIn, value,
                voiceActivity, family);
    }
}
