package org.courtyard.kiosk.core;

/** The screens of the kiosk. Every screen but HOME returns home after a minute idle. */
public enum Screen {
    HOME,
    HELP,
    CHECK_IN,
    ANNOUNCEMENTS,
    LISTENING,
    /** The PIN pad behind the discreet 村干部 button. */
    CADRE_PIN,
    /** The cadre's menu of actions, after a right PIN. */
    CADRE,
    /** A cadre records a visit: pick the resident, then a note. */
    CADRE_VISIT,
    /** 立即播放: a cadre picks a current announcement to broadcast over the loudspeaker now. */
    CADRE_PLAY,
    /** 现场广播: a cadre holds the talk button and speaks over the loudspeaker. */
    CADRE_LIVE,
    /** A family member's voice message: 听 / 不听, then 再听一遍 and 回复 (docs/family.md). */
    MESSAGES;

    /** True for the screens of cadre mode after the PIN; leaving them ends the cadre's session. */
    public boolean signedIn() {
        return this == CADRE || this == CADRE_VISIT || this == CADRE_PLAY || this == CADRE_LIVE;
    }
}
