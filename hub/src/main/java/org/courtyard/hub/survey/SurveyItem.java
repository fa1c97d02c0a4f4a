package org.courtyard.hub.survey;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.courtyard.protocol.ResidentType;

/**
 * One person in a round: due for review (no outcome yet), reviewed, or added by it; with the
 * criteria's verdict on the reviewed record and any flag with its decision.
 *
 * @param changes for CHANGED: {@code {"field":[before, after], ...}}, phone numbers masked
 * @param meets MEETS, NOT_MET or UNKNOWN (see {@link Criteria}); null until reviewed, and for LEFT
 * @param reasons the criteria that failed or could not be checked, as {@link Criteria.Verdict} codes
 */
public record SurveyItem(String roundId, String residentId, String name, String village, ResidentType type,
        boolean added, Outcome outcome, LeaveReason reason, String note, JsonNode changes, String reviewedBy,
        Instant reviewedAt, Criteria.Meets meets, java.util.List<String> reasons, Flag flag, Decision decision,
        String decisionNote, String decidedBy, Instant decidedAt) {
}
