package org.courtyard.kiosk.voice;

/** What an elder can ask the kiosk by voice. */
public enum Intent {
    /** 救命 / 求助: raises a help request at once, without read-back. */
    HELP,
    /** 我不舒服 / 叫医生: a help request with the MEDICAL category. */
    HELP_MEDICAL,
    CHECK_IN,
    PLAY_ANNOUNCEMENTS,
    REPEAT,
    CANCEL,
    YES,
    NO
}
