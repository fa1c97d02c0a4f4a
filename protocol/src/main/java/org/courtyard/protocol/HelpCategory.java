package org.courtyard.protocol;

/** What kind of help, when the elder chose one after sending (紧急/看病/生活/其他). */
public enum HelpCategory {
    EMERGENCY,
    MEDICAL,
    DAILY,
    OTHER
}
