package org.courtyard.hub.residents;

/**
 * Where an elder's children live, as the half-yearly survey records it: the fact the inclusion
 * criterion of an empty-nest elder (空巢老人) turns on.
 */
public enum ChildrenAway {
    /** 子女均不在身边. */
    ALL,
    /** 部分子女在身边. */
    SOME,
    /** 子女在身边. */
    NONE,
    /** 无子女. */
    NO_CHILDREN
}
