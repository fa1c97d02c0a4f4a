package org.courtyard.hub.api.reports;

import org.courtyard.hub.api.Feature;
import org.courtyard.hub.api.FeatureContext;
import org.courtyard.hub.reports.ReportSettings;
import org.courtyard.hub.reports.ReportWorkbook;
import org.courtyard.hub.reports.Reports;

/**
 * The reports sent upward: a period's figures as JSON and as a spreadsheet, computed from the
 * other features' tables (docs/reports.md). No tables of its own; installed after the features
 * whose records it counts.
 */
public final class ReportsFeature implements Feature {

    private final ReportSettings settings;
    private final String fiveGuaranteeTag;

    /** @param fiveGuaranteeTag the ledger tag of 五保户, as the survey's criteria know it */
    public ReportsFeature(ReportSettings settings, String fiveGuaranteeTag) {
        this.settings = settings;
        this.fiveGuaranteeTag = fiveGuaranteeTag;
    }

    @Override
    public String name() {
        return "reports";
    }

    @Override
    public void install(FeatureContext hub) {
        new ReportRoutes(new Reports(hub.database(), hub.clock(), hub.zone(), settings, fiveGuaranteeTag),
                new ReportWorkbook(hub.zone())).register(hub);
    }
}
