package org.courtyard.hub.survey;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import org.courtyard.hub.residents.ChildrenAway;
import org.courtyard.hub.residents.FieldError;
import org.courtyard.hub.residents.ParentsAway;
import org.courtyard.hub.residents.ResidentView;
import org.courtyard.protocol.ResidentType;

/**
 * The inclusion criteria (对标纳入条件) a round checks every reviewed record against; fixed when the
 * round opens (from the request, else from the hub's {@code survey.*} settings, else
 * {@link #DEFAULTS}).
 *
 * <ul>
 * <li>A child ({@code CHILD}) meets them while younger than {@code childUnder} years and with both
 * parents away, or one away and the other unable to care ({@link ParentsAway#BOTH},
 * {@link ParentsAway#ONE_OTHER_UNABLE}).
 * <li>An elder ({@code ELDER}) meets them when tagged {@code fiveGuaranteeTag} (五保户), or when
 * {@code elderFrom} years or older with all children away or none
 * ({@link ChildrenAway#ALL}, {@link ChildrenAway#NO_CHILDREN}).
 * </ul>
 *
 * @param childUnder a child meets the criteria while younger than this many whole years
 * @param elderFrom an elder meets the age criterion from this many whole years
 * @param fiveGuaranteeTag the ledger tag of 五保户, who meet the criteria whatever their age
 */
public record Criteria(int childUnder, int elderFrom, String fiveGuaranteeTag) {

    /** The 馨安工程's own: children under 16, elders from 60, and 五保户. */
    public static final Criteria DEFAULTS = new Criteria(16, 60, "五保户");

    public Criteria {
        if (childUnder < 1 || childUnder > 25) {
            throw new FieldError("criteria.childUnder", "field 'criteria.childUnder' must be from 1 to 25 years, was "
                    + childUnder);
        }
        if (elderFrom < 40 || elderFrom > 100) {
            throw new FieldError("criteria.elderFrom", "field 'criteria.elderFrom' must be from 40 to 100 years, was "
                    + elderFrom);
        }
        if (fiveGuaranteeTag == null || fiveGuaranteeTag.isBlank() || fiveGuaranteeTag.strip().length() > 20) {
            throw new FieldError("criteria.fiveGuaranteeTag",
                    "field 'criteria.fiveGuaranteeTag' must be a tag of 1 to 20 characters");
        }
        fiveGuaranteeTag = fiveGuaranteeTag.strip();
    }

    /** Whether a record meets the criteria. */
    public enum Meets {
        MEETS,
        NOT_MET,
        /** The record lacks what the criteria need (a birth date, where the parents or children are). */
        UNKNOWN
    }

    /**
     * The verdict on one record and why: {@code reasons} names each criterion that failed or could
     * not be checked, as codes ({@code CHILD_AGED_OUT}, {@code PARENTS_NOT_AWAY}, {@code ELDER_TOO_YOUNG},
     * {@code CHILDREN_NEARBY}, {@code NO_BIRTH_DATE}, {@code NO_PARENTS_AWAY}, {@code NO_CHILDREN_AWAY});
     * empty when the record meets them.
     */
    public record Verdict(Meets meets, List<String> reasons) {

        public Verdict {
            reasons = List.copyOf(reasons);
        }
    }

    /** Checks {@code person}'s record as it is on {@code on} (ages are whole years on that day). */
    public Verdict check(ResidentView person, LocalDate on) {
        List<String> failed = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        LocalDate born = person.birthDate();
        Integer age = born == null || born.isAfter(on) ? null : Period.between(born, on).getYears();
        if (person.type() == ResidentType.CHILD) {
            if (age == null) {
                unknown.add("NO_BIRTH_DATE");
            } else if (age >= childUnder) {
                failed.add("CHILD_AGED_OUT");
            }
            if (person.parentsAway() == null) {
                unknown.add("NO_PARENTS_AWAY");
            } else if (person.parentsAway() != ParentsAway.BOTH && person.parentsAway() != ParentsAway.ONE_OTHER_UNABLE) {
                failed.add("PARENTS_NOT_AWAY");
            }
        } else {
            if (person.tags().contains(fiveGuaranteeTag)) {
                return new Verdict(Meets.MEETS, List.of());
            }
            if (age == null) {
                unknown.add("NO_BIRTH_DATE");
            } else if (age < elderFrom) {
                failed.add("ELDER_TOO_YOUNG");
            }
            if (person.childrenAway() == null) {
                unknown.add("NO_CHILDREN_AWAY");
            } else if (person.childrenAway() != ChildrenAway.ALL && person.childrenAway() != ChildrenAway.NO_CHILDREN) {
                failed.add("CHILDREN_NEARBY");
            }
        }
        if (!failed.isEmpty()) {
            return new Verdict(Meets.NOT_MET, failed);
        }
        return unknown.isEmpty() ? new Verdict(Meets.MEETS, List.of()) : new Verdict(Meets.UNKNOWN, unknown);
    }
}
