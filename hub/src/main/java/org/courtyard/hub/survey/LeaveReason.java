package org.courtyard.hub.survey;

/** Why someone leaves the ledger in a survey. */
public enum LeaveReason {
    /** 迁出. */
    MOVED,
    /** 父母返乡. */
    PARENTS_RETURNED,
    /** 子女返乡. */
    CHILDREN_RETURNED,
    /** 去世. */
    PASSED_AWAY,
    /** 超龄: a child who turned the criteria's age. */
    AGED_OUT,
    /** 不符合纳入条件: staff decided on a flag to remove them. */
    NOT_ELIGIBLE,
    /** 其他: the note says what. */
    OTHER
}
