package org.courtyard.hub.residents;

import java.util.Optional;
import org.courtyard.protocol.ResidentType;

/**
 * Which residents a list shows: one village, one type, one tag, those paired with one cadre,
 * whether inactive ones are included (by default they are not), and {@code search}: what staff
 * typed, part of a name (王德), of the 村民小组 or of a tag, or the name's pinyin, whole or
 * initials (wangdefu, wdf; see {@link Pinyin}).
 */
public record ResidentFilter(Optional<String> village, Optional<ResidentType> type, Optional<String> tag,
        Optional<String> cadreId, boolean includeInactive, Optional<String> search) {

    /** A filter without a search. */
    public ResidentFilter(Optional<String> village, Optional<ResidentType> type, Optional<String> tag,
            Optional<String> cadreId, boolean includeInactive) {
        this(village, type, tag, cadreId, includeInactive, Optional.empty());
    }

    public static ResidentFilter village(String village) {
        return new ResidentFilter(Optional.of(village), Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    public ResidentFilter withVillage(Optional<String> other) {
        return new ResidentFilter(other, type, tag, cadreId, includeInactive, search);
    }
}
