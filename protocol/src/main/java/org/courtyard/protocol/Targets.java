package org.courtyard.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Who an announcement is for: the whole township ({@code {"all":true}}), some villages
 * ({@code {"villages":[...]}}) or some kiosks ({@code {"kiosks":[...]}}); exactly one of the three.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Targets(Boolean all, List<String> villages, List<String> kiosks) {

    public Targets {
        villages = Require.list(villages, "villages");
        kiosks = Require.list(kiosks, "kiosks");
        boolean everyone = Boolean.TRUE.equals(all);
        int chosen = (everyone ? 1 : 0) + (villages.isEmpty() ? 0 : 1) + (kiosks.isEmpty() ? 0 : 1);
        if (chosen != 1) {
            throw new IllegalArgumentException(
                    "field 'targets' must name exactly one of all:true, villages or kiosks");
        }
        all = everyone ? Boolean.TRUE : null;
    }

    public static Targets everyone() {
        return new Targets(true, List.of(), List.of());
    }

    public static Targets villages(List<String> villages) {
        return new Targets(null, villages, List.of());
    }

    public static Targets kiosks(List<String> kiosks) {
        return new Targets(null, List.of(), kiosks);
    }

    public boolean isEveryone() {
        return all != null && all;
    }
}
