package org.courtyard.hub.care;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.courtyard.hub.residents.Level;

/**
 * An organisation as staff write it: the body of {@code POST} and {@code PUT
 * /api/v1/organisations}, and one row of the organisations' CSV.
 *
 * @param village where a VILLAGE or GROUP organisation is (required for those; none for the others)
 * @param villages the villages it is paired with (包村): a party branch with its village, a county
 *     department with the villages it looks after
 * @param memberIds its members: ids of registered cadres and party members
 */
public record OrganisationInput(String name, OrganisationKind kind, Level level, String village,
        List<String> villages, List<String> memberIds, Boolean active) {

    public static final int MAX_VILLAGES = 50;
    public static final int MAX_MEMBERS = 500;

    public OrganisationInput {
        name = text(name, "name", 100);
        if (name == null) {
            throw new IllegalArgumentException("missing required field 'name'");
        }
        if (kind == null) {
            throw new IllegalArgumentException("missing required field 'kind' (PARTY_BRANCH or DEPARTMENT)");
        }
        if (level == null) {
            throw new IllegalArgumentException("missing required field 'level' (COUNTY, TOWNSHIP, VILLAGE or GROUP)");
        }
        village = text(village, "village", 100);
        if (village == null && (level == Level.VILLAGE || level == Level.GROUP)) {
            throw new IllegalArgumentException("field 'village' is required for an organisation of level " + level);
        }
        villages = words(villages, "villages", MAX_VILLAGES, 100);
        memberIds = words(memberIds, "memberIds", MAX_MEMBERS, 16);
        active = active == null ? Boolean.TRUE : active;
    }

    private static String text(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.length() > max) {
            throw new IllegalArgumentException("field '" + field + "' must have at most " + max + " characters");
        }
        return text;
    }

    private static List<String> words(List<String> values, String field, int maxItems, int maxChars) {
        if (values == null) {
            return List.of();
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String word = text(values.get(i), field + "[" + i + "]", maxChars);
            if (word == null) {
                throw new IllegalArgumentException("field '" + field + "[" + i + "]' must not be blank");
            }
            out.add(word);
        }
        if (out.size() > maxItems) {
            throw new IllegalArgumentException("field '" + field + "' may hold at most " + maxItems + " entries");
        }
        return List.copyOf(new ArrayList<>(out));
    }
}
