package org.courtyard.hub.api.checkin;

import java.time.Duration;
import java.util.List;
import org.courtyard.hub.api.Feature;
import org.courtyard.hub.api.FeatureContext;
import org.courtyard.hub.api.residents.ResidentsFeature;
import org.courtyard.hub.checkin.Alerts;
import org.courtyard.hub.checkin.CheckInEvents;
import org.courtyard.hub.checkin.CheckInSchema;
import org.courtyard.hub.checkin.CheckIns;
import org.courtyard.hub.residents.PeriodCounts;
import org.courtyard.hub.residents.Residents;
import org.courtyard.hub.store.Migration;
import org.courtyard.protocol.CheckInUndone;
import org.courtyard.protocol.CheckedIn;

/**
 * Check-ins (报平安): the events CHECKED_IN and CHECK_IN_UNDONE (「不是我」), the staff routes,
 * missed-check-in alerts (live events {@code checkin-alert} and {@code checkin-alert-cleared}, the
 * webhook {@code checkin.missed}) and the periodic check {@value #MISSED_CHECK}.
 */
public final class CheckInFeature implements Feature {

    /** The periodic check that raises and clears missed-check-in alerts. */
    public static final String MISSED_CHECK = "checkin.missed";

    private final ResidentsFeature residents;
    private final int graceDays;
    private final Duration checkEvery;
    private Alerts alerts;
    private CheckIns checkIns;

    /**
     * @param residents the ledger, installed before this feature
     * @param graceDays days a check-in may be late before an alert
     * @param checkEvery how often the hub looks for missed check-ins
     */
    public CheckInFeature(ResidentsFeature residents, int graceDays, Duration checkEvery) {
        this.residents = residents;
        this.graceDays = graceDays;
        this.checkEvery = checkEvery;
    }

    @Override
    public String name() {
        return "checkin";
    }

    @Override
    public List<Migration> migrations() {
        return CheckInSchema.STEPS;
    }

    @Override
    public void install(FeatureContext hub) {
        Residents ledger = residents.residents();
        Alerts alerts = new Alerts(hub.database(), hub.clock(), hub.zone(), graceDays, hub.webhooks(), hub.stream(),
                ledger);
        // Someone set inactive or no longer expected to check in leaves the alert list at once.
        ledger.addLedgerListener(alerts::ledgerChanged);
        hub.every(MISSED_CHECK, checkEvery, alerts::check);

        // The day in numbers: kept with each check-in, undo and change of a resident; built here on
        // the first start after the upgrade that added it, or after a change of hub.time-zone.
        PeriodCounts days = new PeriodCounts(hub.database(), hub.zone(), CheckIns.DAY_COUNTS, "check_ins",
                "checked_in_at", PeriodCounts.Period.DAY);
        ledger.addStandingHook(days);
        days.buildIfNeeded();
        CheckIns checkIns = new CheckIns(hub.database(), hub.clock(), hub.zone(), ledger, alerts, hub.stream(),
                days);
        CheckInEvents events = new CheckInEvents(checkIns);
        hub.sync().on(CheckedIn.class, events::checkedIn);
        hub.sync().on(CheckInUndone.class, events::undone);
        new CheckInRoutes(checkIns, alerts, hub.audit()).register(hub);
        this.alerts = alerts;
        this.checkIns = checkIns;
    }

    /** The missed-check-in alerts, once installed: the care feature hooks its visit tasks on them. */
    public Alerts alerts() {
        if (alerts == null) {
            throw new IllegalStateException("the checkin feature is not installed yet");
        }
        return alerts;
    }

    /** The check-ins, once installed: the care feature checks a kiosk's visits as check-ins are. */
    public CheckIns checkIns() {
        if (checkIns == null) {
            throw new IllegalStateException("the checkin feature is not installed yet");
        }
        return checkIns;
    }
}
