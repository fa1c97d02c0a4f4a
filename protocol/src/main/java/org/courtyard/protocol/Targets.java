package org.courtyard.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Who an announcement is for: the whole township ({@code {"all":true}}), some villages
 * ({@code {"villages":[...]}}) or some kiosks ({@code {"kiosks":[...]}}); exactly one of the three.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Targets(Boolean all, List<String> villages, List<String> kiosks) {

    public Targets {
        villages = names(villages, "villages");
        kiosks = names(kiosks, "kiosks");
        boolean everyone = Boolean.TRUE.equals(all);
        int chosen = (everyone ? 1 : 0) + (villages.isEmpty() ? 0 : 1) + (kiosks.isEmpty() ? 0 : 1);
        if (chosen != 1) {
            throw new IllegalArgumentException(
                    "field 'targets' must name exactly one of all:true, villages or kiosks");
        }
        all = everyone ? Boolean.TRUE : null;
    }

    private static List<String> names(List<String> names, String field) {
        List<String> checked = Require.list(names, field);
        for (int i = 0; i < checked.size(); i++) {
            Require.text(checked.get(i), field + "[" + i + "]");
        }
        return checked;
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

    /** Not a JSON property: {@code all} alone carries this on the wire. */
    @JsonIgnore
    public boolean isEveryone() {
        return all != null && all;
    }
}
