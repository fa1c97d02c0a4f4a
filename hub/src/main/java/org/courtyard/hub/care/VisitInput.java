package org.courtyard.hub.care;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /api/v1/visits}: a visit as the cadre's phone records it.
 *
 * @param id made by the phone before it first tries to send (a UUID), so sending again stores
 *     nothing twice
 * @param at when the cadre saved it on the phone
 * @param items what was brought (毛毯, 书包, …), each 1–50 characters, at most 20
 * @param problems problems found, each with whether it was solved, at most 20
 * @param cadreId who visited: staff name the cadre; a CADRE login is the cadre linked to it
 */
public record VisitInput(String id, String residentId, Instant at, String note, List<String> items,
        List<Problem> problems, String cadreId) {

    public static final int MAX_ENTRIES = 20;
    public static final int MAX_NOTE_CHARS = 500;
    public static final int MAX_ITEM_CHARS = 50;
    public static final int MAX_PROBLEM_CHARS = 500;

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** A problem found on the visit (屋顶漏雨) and whether it was solved. */
    public record Problem(String text, Boolean solved) {

        public Problem {
            text = text == null ? null : text.strip();
            solved = solved != null && solved;
        }
    }

    public VisitInput {
        if (id == null || !UUID.matcher(id).matches()) {
            throw new IllegalArgumentException("field 'id' must be a UUID made by the client, was "
                    + (id == null ? "missing" : "'" + id + "'"));
        }
        id = id.toLowerCase(java.util.Locale.ROOT);
        if (residentId == null || residentId.isBlank()) {
            throw new IllegalArgumentException("missing required field 'residentId'");
        }
        residentId = residentId.strip();
        if (at == null) {
            throw new IllegalArgumentException("missing required field 'at' (when the visit was saved, ISO-8601)");
        }
        note = note == null || note.isBlank() ? null : note.strip();
        if (note != null && note.length() > MAX_NOTE_CHARS) {
            throw new IllegalArgumentException("field 'note' must have at most " + MAX_NOTE_CHARS + " characters");
        }
        items = items(items);
        problems = problems(problems);
        cadreId = cadreId == null || cadreId.isBlank() ? null : cadreId.strip();
    }

    private static List<String> items(List<String> items) {
        if (items == null) {
            return List.of();
        }
        if (items.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("field 'items' may hold at most " + MAX_ENTRIES + " entries");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i);
            if (item == null || item.isBlank() || item.strip().length() > MAX_ITEM_CHARS) {
                throw new IllegalArgumentException("field 'items[" + i + "]' must have 1 to " + MAX_ITEM_CHARS
                        + " characters");
            }
            out.add(item.strip());
        }
        return List.copyOf(out);
    }

    private static List<Problem> problems(List<Problem> problems) {
        if (problems == null) {
            return List.of();
        }
        if (problems.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("field 'problems' may hold at most " + MAX_ENTRIES + " entries");
        }
        for (int i = 0; i < problems.size(); i++) {
            Problem problem = problems.get(i);
            if (problem == null || problem.text() == null || problem.text().isEmpty()
                    || problem.text().length() > MAX_PROBLEM_CHARS) {
                throw new IllegalArgumentException("field 'problems[" + i + "].text' must have 1 to "
                        + MAX_PROBLEM_CHARS + " characters");
            }
        }
        return List.copyOf(problems);
    }

    @Override
    public String toString() {
        return "VisitInput[id=" + id + ", residentId=" + residentId + "]";
    }
}
