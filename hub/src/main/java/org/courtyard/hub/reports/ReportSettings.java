package org.courtyard.hub.reports;

import java.util.List;

/**
 * What a township sets about its reports ({@code report.*} in the hub's config file).
 *
 * @param township the township's name for report titles ({@code report.township}), such as 和平乡;
 *     empty for none
 * @param oldAge an elder of this age or older counts as 高龄 ({@code report.old-age})
 * @param illnessTags ledger tags that count a person as 患病 ({@code report.illness-tags})
 */
public record ReportSettings(String township, int oldAge, List<String> illnessTags) {

    public static final ReportSettings DEFAULTS = new ReportSettings("", 80,
            List.of("患病", "高血压", "糖尿病", "心脏病", "慢性病"));

    public ReportSettings {
        township = township == null ? "" : township.strip();
        if (oldAge < 60 || oldAge > 120) {
            throw new IllegalArgumentException("report.old-age must be from 60 to 120, was " + oldAge);
        }
        illnessTags = List.copyOf(illnessTags);
    }
}
