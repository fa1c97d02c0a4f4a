package org.courtyard.hub.survey;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * ROUND in the API: the round, its criteria, its progress over the villages the caller sees and
 * per village. {@code status} is OPEN or CLOSED.
 */
public record SurveyRound(String id, String name, LocalDate closesOn, String status, Criteria criteria,
        Instant openedAt, String openedBy, Instant closedAt, String closedBy, VillageProgress progress,
        List<VillageProgress> villages) {

    public SurveyRound {
        villages = List.copyOf(villages);
    }
}
