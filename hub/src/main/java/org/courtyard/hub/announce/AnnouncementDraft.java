package org.courtyard.hub.announce;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.TreeSet;
import org.courtyard.protocol.Priority;
import org.courtyard.protocol.Targets;
import org.courtyard.protocol.Text;

/**
 * Body of {@code POST /api/v1/announcements} and {@code PUT /api/v1/announcements/{id}}: everything
 * about an announcement but its audio, which is uploaded on its own. {@code startsAt} may be left out
 * for "now"; {@code repeatDaily} holds local times at the kiosks ({@code "08:00"}), which are sorted
 * and de-duplicated.
 */
public record AnnouncementDraft(String title, String text, Priority priority, Boolean outdoor, Targets targets,
        Instant startsAt, Instant endsAt, @JsonFormat(pattern = "HH:mm") List<LocalTime> repeatDaily) {

    public static final int MAX_TITLE_CHARS = 200;
    public static final int MAX_TEXT_CHARS = 4000;
    public static final int MAX_REPEATS = 24;

    public AnnouncementDraft {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("missing required field 'title'");
        }
        title = Text.line(title.strip(), "title");
        if (title.length() > MAX_TITLE_CHARS) {
            throw new IllegalArgumentException("field 'title' must have at most " + MAX_TITLE_CHARS + " characters");
        }
        text = text == null || text.isBlank() ? null : Text.note(text.strip(), "text");
        if (text != null && text.length() > MAX_TEXT_CHARS) {
            throw new IllegalArgumentException("field 'text' must have at most " + MAX_TEXT_CHARS + " characters");
        }
        if (priority == null) {
            throw new IllegalArgumentException("missing required field 'priority' (NORMAL or EMERGENCY)");
        }
        if (outdoor == null) {
            throw new IllegalArgumentException("missing required field 'outdoor' (true: also the outdoor loudspeaker;"
                    + " false: the screen only)");
        }
        if (targets == null) {
            throw new IllegalArgumentException("missing required field 'targets' ({\"all\":true}, {\"villages\":[...]}"
                    + " or {\"kiosks\":[...]})");
        }
        if (startsAt != null && endsAt != null && endsAt.isBefore(startsAt)) {
            throw new IllegalArgumentException("field 'endsAt' is before 'startsAt'");
        }
        TreeSet<LocalTime> times = new TreeSet<>();
        for (int i = 0; repeatDaily != null && i < repeatDaily.size(); i++) {
            LocalTime time = repeatDaily.get(i);
            if (time == null) {
                throw new IllegalArgumentException("field 'repeatDaily[" + i + "]' must not be null");
            }
            if (time.getSecond() != 0 || time.getNano() != 0) {
                throw new IllegalArgumentException("field 'repeatDaily[" + i + "]' must be a whole minute (HH:mm)");
            }
            times.add(time);
        }
        if (times.size() > MAX_REPEATS) {
            throw new IllegalArgumentException("field 'repeatDaily' may hold at most " + MAX_REPEATS + " times");
        }
        repeatDaily = List.copyOf(times);
    }
}
