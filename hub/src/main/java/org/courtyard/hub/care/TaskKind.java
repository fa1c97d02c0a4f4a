package org.courtyard.hub.care;

/** What a care task asks for, and which rule made it. */
public enum TaskKind {
    /** 月月有联系: one visit per resident per calendar month. */
    MONTHLY_VISIT,
    /** 节节有问候: a visit before a festival, from some days before up to the day. */
    FESTIVAL,
    /** 处处有关怀: a child's visit around the start of a school term. */
    SCHOOL_START,
    /** A child's visit in the first weeks of a vacation. */
    VACATION,
    /** A follow-up within days after a 看病 help request is resolved or a pause for illness. */
    ILLNESS,
    /** A missed-check-in alert was raised: go and look, today. */
    MISSED_CHECK_IN;

    /** True for the kinds a late visit still completes: someone still has to go and look. */
    public boolean doneLate() {
        return this == ILLNESS || this == MISSED_CHECK_IN;
    }
}
