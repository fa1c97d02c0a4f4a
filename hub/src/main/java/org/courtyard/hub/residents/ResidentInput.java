package org.courtyard.hub.residents;

import java.time.LocalDate;
import java.util.List;
import org.courtyard.protocol.ResidentType;

/**
 * A resident as staff write them: the body of {@code POST /api/v1/residents} and
 * {@code PUT /api/v1/residents/{id}}, one row of the CSV ledger, and what a PATCH is merged into.
 *
 * <p>{@code group} is the resident's 村民小组 ("三组"), or null; the kiosk offers a village's groups
 * first when there are several. {@code checkInEveryDays} is null for "no check-in expected" (no
 * alert is ever raised), else 1 to 365. The survey fields of children ({@code parentsAway},
 * {@code parentsWorkplace}, {@code parentsPhone}, {@code school}, {@code schoolClass},
 * {@code headTeacher}) are refused on an elder and the elders' {@code childrenAway} on a child,
 * which catches shifted columns in a spreadsheet. {@code birthDate}, {@code parentsAway} and
 * {@code childrenAway} are what the half-yearly survey checks the inclusion criteria against
 * (docs/survey.md). {@code active} defaults to true; an inactive resident (moved away, passed away)
 * stays in the ledger but leaves the kiosks, the alerts and the coverage.
 */
public record ResidentInput(String name, String village, String group, ResidentType type, List<String> tags,
        Integer checkInEveryDays, LocalDate birthDate, String phone, String address, String guardian,
        String guardianPhone, ParentsAway parentsAway, String parentsWorkplace, String parentsPhone, String school,
        String schoolClass, String headTeacher, ChildrenAway childrenAway, String note, List<String> cadreIds,
        Boolean active) {

    /** The earliest birth date the ledger takes; anything before is a typing error. */
    public static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

    public static final int MAX_NAME_CHARS = 50;
    public static final int MAX_EVERY_DAYS = 365;
    public static final int MAX_GROUP_CHARS = 50;

    public ResidentInput {
        name = Check.required(name, "name", MAX_NAME_CHARS);
        village = Check.required(village, "village", 100);
        group = Check.optional(group, "group", MAX_GROUP_CHARS);
        if (type == null) {
            throw new FieldError("type", "missing required field 'type' (ELDER or CHILD)");
        }
        tags = Check.words(tags, "tags", 20, 20);
        if (checkInEveryDays != null && (checkInEveryDays < 1 || checkInEveryDays > MAX_EVERY_DAYS)) {
            throw new FieldError("checkInEveryDays", "field 'checkInEveryDays' must be from 1 to " + MAX_EVERY_DAYS
                    + " (or null for no check-in expected), was " + checkInEveryDays);
        }
        if (birthDate != null && birthDate.isBefore(EARLIEST_BIRTH)) {
            throw new FieldError("birthDate", "field 'birthDate' must be " + EARLIEST_BIRTH + " or later, was "
                    + birthDate);
        }
        phone = Check.phone(phone, "phone");
        address = Check.optional(address, "address", 200);
        guardian = Check.optional(guardian, "guardian", 50);
        guardianPhone = Check.phone(guardianPhone, "guardianPhone");
        parentsWorkplace = Check.optional(parentsWorkplace, "parentsWorkplace", 100);
        parentsPhone = Check.phone(parentsPhone, "parentsPhone");
        school = Check.optional(school, "school", 100);
        schoolClass = Check.optional(schoolClass, "schoolClass", 50);
        headTeacher = Check.optional(headTeacher, "headTeacher", 50);
        note = Check.note(note, "note", 500);
        cadreIds = Check.words(cadreIds, "cadreIds", 20, 16);
        active = active == null ? Boolean.TRUE : active;
        if (type == ResidentType.ELDER) {
            childOnly(parentsAway, "parentsAway");
            childOnly(parentsWorkplace, "parentsWorkplace");
            childOnly(parentsPhone, "parentsPhone");
            childOnly(school, "school");
            childOnly(schoolClass, "schoolClass");
            childOnly(headTeacher, "headTeacher");
        } else if (childrenAway != null) {
            throw new FieldError("childrenAway", "field 'childrenAway' is only for residents of type ELDER");
        }
    }

    private static void childOnly(Object value, String field) {
        if (value != null) {
            throw new FieldError(field, "field '" + field + "' is only for residents of type CHILD");
        }
    }

    /** The same fields with {@code active} set to {@code value}. */
    public ResidentInput withActive(boolean value) {
        return new ResidentInput(name, village, group, type, tags, checkInEveryDays, birthDate, phone, address, guardian,
                guardianPhone, parentsAway, parentsWorkplace, parentsPhone, school, schoolClass, headTeacher,
                childrenAway, note, cadreIds, value);
    }

    /** Hides personal data from logs and exception messages. */
    @Override
    public String toString() {
        return "ResidentInput[village=" + village + ", type=" + type + "]";
    }
}
