package org.courtyard.hub.survey;

/** What a review found. */
public enum Outcome {
    /** 核实无误: the ledger is right. */
    CONFIRMED,
    /** 信息有变: the ledger is corrected in the same transaction. */
    CHANGED,
    /** 退出: the person leaves the ledger (set inactive) with a {@link LeaveReason}. */
    LEFT
}
