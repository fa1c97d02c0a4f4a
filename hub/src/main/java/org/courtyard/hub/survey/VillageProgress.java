package org.courtyard.hub.survey;

/**
 * How far one village (or, as a round's {@code progress}, every village the caller sees) is in a
 * round. {@code total} counts the residents due at the opening, those who joined the ledger during
 * the round and those added by it, less those who left the ledger otherwise before their review;
 * {@code reviewed} is {@code confirmed + changed + left + added}; {@code flagged} counts the flags
 * still waiting for a decision, {@code decided} those decided.
 */
public record VillageProgress(String village, int total, int reviewed, int confirmed, int changed, int left,
        int added, int flagged, int decided) {

    /** The sum of {@code villages}, named {@code village} (null for all). */
    static VillageProgress sum(String village, Iterable<VillageProgress> villages) {
        int[] n = new int[8];
        for (VillageProgress v : villages) {
            n[0] += v.total;
            n[1] += v.reviewed;
            n[2] += v.confirmed;
            n[3] += v.changed;
            n[4] += v.left;
            n[5] += v.added;
            n[6] += v.flagged;
            n[7] += v.decided;
        }
        return new VillageProgress(village, n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7]);
    }
}
