package org.courtyard.hub.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * REPORT in the API ({@code GET /api/v1/reports}): every figure of a period, one part per subject.
 * Each figure's definition is in docs/reports.md; a ratio is a number from 0 to 1, null when its
 * denominator is zero.
 *
 * @param village the one village reported on, or null for the whole township
 */
public record Report(String title, String township, LocalDate from, LocalDate to, String village,
        Instant generatedAt, People people, Pairs pairs, Visits visits, HelpRequests helpRequests, CheckIns checkIns,
        Announcements announcements, Problems problems, Items items) {

    /** People cared for at some time in the period. */
    public record People(int total, int elders, int children, Groups groups, Map<String, Integer> tags, int joined,
            int left) {
    }

    /** The groups the township reports: 五保户, 空巢, 患病, 高龄, 留守儿童. */
    public record Groups(int fiveGuarantee, int emptyNest, int ill, int oldAge, int leftBehind) {
    }

    /** Cadres paired with the people cared for, as the pairing stands now. */
    public record Pairs(int pairs, int residentsWithPair, Double share, int cadres) {
    }

    /** Visits (走访) in the period, and the monthly coverage (月月有联系). */
    public record Visits(int personTimes, int residentsVisited, List<Month> months) {

        public Visits {
            months = List.copyOf(months);
        }
    }

    /** One calendar month of the period (cut to the period at its ends). */
    public record Month(YearMonth month, LocalDate from, LocalDate to, int residents, int visited, Double coverage,
            int personTimes) {
    }

    /** Help requests made in the period. */
    public record HelpRequests(int total, Map<String, Integer> byCategory, Map<String, Integer> bySource,
            int resolved, int cancelled, int open, int overdue, Durations acknowledge) {
    }

    /** Durations in seconds: how many were measured and their median and 90th percentile (nearest rank). */
    public record Durations(int measured, Long p50Seconds, Long p90Seconds) {
    }

    /** Check-ins (报平安) in the period against the expectation of each person. */
    public record CheckIns(int checkIns, int residentsExpected, long expected, long made, Double rate) {
    }

    /** Problems found on the visits of the period (化解困难问题), and how many of them were solved. */
    public record Problems(int found, int solved, int unsolved, int visitsWithProblems, int residents) {
    }

    /** Items given on the visits of the period: how many in all, and by item, most given first. */
    public record Items(int given, int visits, Map<String, Integer> byItem) {
    }

    /**
     * Announcements published in the period. {@code kiosksTargeted} leaves out the home units that
     * hold a NORMAL announcement but do not play NORMAL ones ({@code kiosksNotPlayedBySetting}), as
     * the delivery board does.
     */
    public record Announcements(int published, int emergency, int withdrawn, int kiosksTargeted, int kiosksPlayed,
            int kiosksNotPlayedBySetting) {
    }
}
