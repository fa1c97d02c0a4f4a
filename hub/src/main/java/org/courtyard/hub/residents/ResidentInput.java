package org.courtyard.hub.residents;

import java.util.List;
import org.courtyard.protocol.ResidentType;

/**
 * A resident as staff write them: the body of {@code POST /api/v1/residents} and
 * {@code PUT /api/v1/residents/{id}}, one row of the CSV ledger, and what a PATCH is merged into.
 *
 * <p>{@code group} is the resident's 村民小组 ("三组"), or null; the kiosk offers a village's groups
 * first when there are several. {@code checkInEveryDays} is null for "no check-in expected" (no alert is ever raised), else
 * 1 to 365. The survey fields of children ({@code parentsWorkplace}, {@code parentsPhone},
 * {@code school}, {@code schoolClass}, {@code headTeacher}) are refused on an elder, which catches
 * shifted columns in a spreadsheet. {@code active} defaults to true; an inactive resident (moved
 * away, passed away) stays in the ledger but leaves the kiosks, the alerts and the coverage.
 */
public record ResidentInput(String name, String village, String group, ResidentType type, List<String> tags,
        Integer checkInEveryDays, String phone, String address, String guardian, String guardianPhone,
        String parentsWorkplace, String parentsPhone, String school, String schoolClass, String headTeacher,
        String note, List<String> cadreIds, Boolean active) {

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
            childOnly(parentsWorkplace, "parentsWorkplace");
            childOnly(parentsPhone, "parentsPhone");
            childOnly(school, "school");
            childOnly(schoolClass, "schoolClass");
            childOnly(headTeacher, "headTeacher");
        }
    }

    private static void childOnly(String value, String field) {
        if (value != null) {
            throw new FieldError(field, "field '" + field + "' is only for residents of type CHILD");
        }
    }

    /** Hides personal data from logs and exception messages. */
    @Override
    public String toString() {
        return "ResidentInput[village=" + village + ", type=" + type + "]";
    }
}
