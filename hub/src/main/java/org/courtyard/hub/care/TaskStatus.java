package org.courtyard.hub.care;

/**
 * A care task's state. The hub stores OPEN, DONE and SKIPPED; OVERDUE is an OPEN task whose due
 * date has passed, decided when it is read, so no background job has to flip it.
 */
public enum TaskStatus {
    OPEN, DONE, OVERDUE, SKIPPED
}
