package org.courtyard.hub.family;

import java.util.regex.Pattern;
import org.courtyard.protocol.FamilyRelation;

/**
 * Body of {@code POST /api/v1/residents/{id}/family}: a family member far away. {@code relation}
 * is a {@link FamilyRelation} name (the kiosk says it aloud); {@code phone} is how staff reach them
 * and, for a child, how the hub checks that the guardian or staff registered them.
 */
public record ContactInput(String name, String relation, String phone) {

    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 \\-]{3,18}[0-9]");

    public ContactInput {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("missing required field 'name'");
        }
        name = name.strip();
        if (name.length() > 50) {
            throw new IllegalArgumentException("field 'name' is longer than 50 characters");
        }
        if (relation == null || relation.isBlank()) {
            throw new IllegalArgumentException("missing required field 'relation'");
        }
        relation = relation.strip();
        if (FamilyRelation.fromWire(relation) == FamilyRelation.OTHER && !relation.equalsIgnoreCase("OTHER")) {
            throw new IllegalArgumentException("field 'relation' must be one of SON, DAUGHTER, DAUGHTER_IN_LAW,"
                    + " SON_IN_LAW, GRANDSON, GRANDDAUGHTER, FATHER, MOTHER, SPOUSE or OTHER, was '" + relation + "'");
        }
        relation = FamilyRelation.fromWire(relation).name();
        if (phone == null || phone.isBlank()) {
            throw new IllegalArgumentException("missing required field 'phone'");
        }
        phone = phone.strip();
        if (!PHONE.matcher(phone).matches()) {
            throw new IllegalArgumentException("field 'phone' must be a phone number of digits (5 to 20 characters,"
                    + " spaces, '-' and a leading '+' allowed), was '" + phone + "'");
        }
    }

    /** The digits of a phone number, to compare numbers written differently. */
    static String digits(String phone) {
        if (phone == null) {
            return "";
        }
        String digits = phone.replaceAll("[^0-9]", "");
        // +86 138..., 0086 138... and 138... are one mobile number.
        if (digits.startsWith("0086")) {
            digits = digits.substring(4);
        } else if (digits.startsWith("86") && digits.length() == 13) {
            digits = digits.substring(2);
        }
        return digits;
    }
}
