package org.courtyard.hub.checkin;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.courtyard.hub.residents.ResidentView.CadreRef;
import org.courtyard.protocol.NameOrder;
import org.courtyard.protocol.ResidentType;

/**
 * ALERT in the API: a resident went longer than their check-in expectation plus the grace days
 * without checking in. {@code dueDate} is the local date the missed check-in was due;
 * {@code lastCheckInAt} is null for someone who never checked in. While {@code clearedAt} is null
 * the alert is open; {@code clearReason} says what closed it.
 */
public record AlertView(long id, String residentId, String name, String village, ResidentType type,
        Integer checkInEveryDays, Instant lastCheckInAt, LocalDate dueDate, Instant raisedAt, Instant clearedAt,
        String clearedBy, ClearReason clearReason, List<CadreRef> cadres) {

    /**
     * The name's sort key ({@link NameOrder#sortKey}): the staff page orders people by comparing
     * these as plain strings, which is the kiosk's pinyin order.
     */
    @JsonProperty("nameKey")
    public String nameKey() {
        return NameOrder.sortKey(name);
    }

    /** What closed an alert. */
    public enum ClearReason {
        /** The resident checked in. */
        CHECKED_IN,
        /** Staff paused the expectation (in hospital, visiting family). */
        PAUSED,
        /** The expectation was removed, or the resident became inactive. */
        NOT_EXPECTED
    }

    public AlertView {
        cadres = List.copyOf(cadres);
    }
}
