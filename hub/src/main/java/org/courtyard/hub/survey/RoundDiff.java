package org.courtyard.hub.survey;

import java.util.List;
import org.courtyard.protocol.ResidentType;

/**
 * What changed in the ledger between two snapshots ({@code GET /api/v1/survey-rounds/{id}/diff}):
 * from {@code from} (an earlier round's closing, or this round's opening) to this round's closing.
 * The counts are the whole diff's; the lists hold one page of its people (see
 * {@code SurveyRounds.diff}).
 *
 * @param came active at the end and not before: {@code how} is ADDED (found by this round), RETURNED
 *     (inactive before) or NEW (added to the ledger outside the survey)
 * @param left active before and not at the end: {@code reason} is the survey's {@link LeaveReason},
 *     or null for someone set inactive in the ledger outside the survey
 * @param changed active at both ends with other fields; phone numbers masked
 */
public record RoundDiff(String roundId, String roundName, Baseline from, int cameCount, int leftCount,
        int changedCount, List<Came> came, List<Left> left, List<Changed> changed) {

    /** The snapshot compared against: a round and its stage, OPEN or CLOSE. */
    public record Baseline(String roundId, String name, String stage) {
    }

    /** One person of a diff: who came, left or changed. */
    public sealed interface Person permits Came, Left, Changed {
        String residentId();
    }

    public record Came(String residentId, String name, String village, ResidentType type, String how)
            implements Person {
    }

    public record Left(String residentId, String name, String village, ResidentType type, LeaveReason reason)
            implements Person {
    }

    /** One field that differs; values as the resident's JSON holds them. */
    public record FieldChange(String field, Object before, Object after) {
    }

    public record Changed(String residentId, String name, String village, ResidentType type,
            List<FieldChange> fields) implements Person {

        public Changed {
            fields = List.copyOf(fields);
        }
    }

    public RoundDiff {
        came = List.copyOf(came);
        left = List.copyOf(left);
        changed = List.copyOf(changed);
    }
}
