package org.courtyard.hub.residents;

/** The four levels of the 馨安工程 (县/乡/村/组): of a paired person, and of an organisation. */
public enum Level {
    /** 县: a county department or official. */
    COUNTY,
    /** 乡: the township. */
    TOWNSHIP,
    /** 村: an administrative village. */
    VILLAGE,
    /** 组: a villagers' group (村民小组). */
    GROUP
}
