package org.courtyard.protocol;

import java.util.Locale;

/**
 * How a family contact is related to the resident, as the kiosk says it aloud ("您有一条儿子的留言"):
 * a closed set, because every word the kiosk speaks is a recorded clip. {@link #OTHER} (家人) stands
 * for anyone else, and for a value a newer hub may send that this kiosk does not know.
 */
public enum FamilyRelation {
    /** 儿子. */
    SON,
    /** 女儿. */
    DAUGHTER,
    /** 儿媳. */
    DAUGHTER_IN_LAW,
    /** 女婿. */
    SON_IN_LAW,
    /** 孙子 or 外孙. */
    GRANDSON,
    /** 孙女 or 外孙女. */
    GRANDDAUGHTER,
    /** 爸爸, for a child. */
    FATHER,
    /** 妈妈, for a child. */
    MOTHER,
    /** 老伴. */
    SPOUSE,
    /** 家人: anyone else in the family. */
    OTHER;

    /** The relation named {@code value} (any case); {@link #OTHER} for a name this version does not know. */
    public static FamilyRelation fromWire(String value) {
        if (value == null) {
            return OTHER;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return OTHER;
        }
    }
}
