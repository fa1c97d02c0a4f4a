package org.courtyard.hub.residents;

/**
 * Where a child's parents are, as the half-yearly survey records it: the fact the inclusion
 * criterion of a left-behind child (留守儿童) turns on.
 */
public enum ParentsAway {
    /** 父母均外出务工. */
    BOTH,
    /** 一方外出务工，另一方无监护能力. */
    ONE_OTHER_UNABLE,
    /** 一方外出务工，另一方在家照管. */
    ONE,
    /** 父母均在家. */
    NONE
}
