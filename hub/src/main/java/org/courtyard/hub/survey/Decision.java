package org.courtyard.hub.survey;

/** What staff decide on a {@link Flag}. */
public enum Decision {
    /** 保留: the person stays in the ledger. */
    KEEP,
    /** 移出: the person leaves the ledger (set inactive, reason {@link LeaveReason#NOT_ELIGIBLE} or as given). */
    REMOVE
}
