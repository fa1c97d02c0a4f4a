package org.courtyard.hub.survey;

/** Why a reviewed or added person waits for a staff decision ({@link Decision}). */
public enum Flag {
    /** In the ledger, reviewed, and no longer meets the inclusion criteria. */
    NO_LONGER_MEETS,
    /** Found in this round and meets the criteria: the township confirms the inclusion. */
    NEWLY_MEETS,
    /** Found in this round but does not meet the criteria. */
    DOES_NOT_MEET,
    /** The criteria cannot be checked: the record lacks a birth date or where the parents or children are. */
    INCOMPLETE
}
