package org.courtyard.hub.api.care;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.courtyard.hub.api.Feature;
import org.courtyard.hub.api.FeatureContext;
import org.courtyard.hub.api.checkin.CheckInFeature;
import org.courtyard.hub.api.help.HelpFeature;
import org.courtyard.hub.api.residents.ResidentsFeature;
import org.courtyard.hub.care.CareBoard;
import org.courtyard.hub.care.CareDigest;
import org.courtyard.hub.care.CareEvents;
import org.courtyard.hub.care.CarePlan;
import org.courtyard.hub.care.CareSchema;
import org.courtyard.hub.care.CareSettings;
import org.courtyard.hub.care.CareTasks;
import org.courtyard.hub.care.Organisations;
import org.courtyard.hub.care.Terms;
import org.courtyard.hub.care.Visits;
import org.courtyard.hub.checkin.AlertView;
import org.courtyard.hub.checkin.Alerts;
import org.courtyard.hub.help.HelpChange;
import org.courtyard.hub.residents.PeriodCounts;
import org.courtyard.hub.store.Migration;
import org.courtyard.protocol.HelpCategory;
import org.courtyard.protocol.HelpRequest;
import org.courtyard.protocol.HelpStatus;
import org.courtyard.protocol.VisitCheckedIn;

/**
 * Care work (docs/care.md): the plan of visits and the records of them. The event VISIT_CHECKED_IN,
 * the routes of care tasks, visits (the cadre's phone), terms, organisations and the 走访 board,
 * the live event {@code visit-checked-in}, the webhook {@code care.digest}, and two periodic checks:
 * {@value #PLAN_CHECK} (the tasks of the day, and of villages whose ledger changed) and
 * {@value #DIGEST_CHECK}. Missed-check-in alerts, pauses for illness and resolved 看病 requests
 * make their tasks inside their own transactions.
 */
public final class CareFeature implements Feature {

    /** The periodic check that stores the tasks of the occasions open today. */
    public static final String PLAN_CHECK = "care.plan";
    /** The periodic check that sends the daily visit digest per village. */
    public static final String DIGEST_CHECK = "care.digest";

    private final ResidentsFeature residents;
    private final CheckInFeature checkIns;
    private final HelpFeature help;
    private final CareSettings settings;
    private final Path photoDir;
    private final Duration checkEvery;

    /**
     * @param photoDir where visits' photos are kept, one JPEG per SHA-256
     * @param checkEvery how often the plan and the digest are looked at
     */
    public CareFeature(ResidentsFeature residents, CheckInFeature checkIns, HelpFeature help, CareSettings settings,
            Path photoDir, Duration checkEvery) {
        this.residents = residents;
        this.checkIns = checkIns;
        this.help = help;
        this.settings = settings;
        this.photoDir = photoDir;
        this.checkEvery = checkEvery;
    }

    @Override
    public String name() {
        return "care";
    }

    @Override
    public List<Migration> migrations() {
        return CareSchema.STEPS;
    }

    @Override
    public void install(FeatureContext hub) {
        CareTasks tasks = new CareTasks(hub.database(), hub.clock(), hub.zone(),
                new CarePlan(settings.rules(), settings.calendar()));
        // A new resident gets the tasks of the month (and of an open festival) at the next look; the
        // roster changes whenever someone is added, moved or set inactive.
        residents.residents().addRosterListener(tasks::ledgerChanged);
        checkIns.alerts().addHook(new Alerts.AlertHook() {
            @Override
            public void raised(Connection connection, AlertView alert, LocalDate day) throws SQLException {
                tasks.missedCheckIn(connection, alert.id(), alert.residentId(), day);
            }

            @Override
            public void paused(Connection connection, String residentId, Alerts.PauseReason reason, LocalDate day)
                    throws SQLException {
                if (reason == Alerts.PauseReason.ILLNESS || reason == Alerts.PauseReason.HOSPITAL) {
                    tasks.pausedForIllness(connection, residentId, day);
                }
            }
        });
        // A resolved 看病 request of a known person brings a follow-up visit, in the same transaction.
        help.help().addOutbox((connection, change) -> {
            HelpRequest request = change.help().request();
            if (change.kind() == HelpChange.Kind.UPDATED && request.status() == HelpStatus.RESOLVED
                    && request.category() == HelpCategory.MEDICAL && request.residentId() != null) {
                tasks.illnessRequestResolved(connection, request.id().toString(), request.residentId(), tasks.today());
            }
        });

        // The month's coverage in numbers: kept with each visit and change of a resident; built here
        // on the first start after the upgrade that added it, or after a change of hub.time-zone.
        PeriodCounts months = new PeriodCounts(hub.database(), hub.zone(), Visits.MONTH_COUNTS, "visits",
                "visited_at", PeriodCounts.Period.MONTH);
        residents.residents().addStandingHook(months);
        months.buildIfNeeded();
        Visits visits = new Visits(hub.database(), hub.clock(), hub.zone(), residents.residents(), tasks, hub.stream(),
                photoDir, months);
        hub.sync().on(VisitCheckedIn.class, new CareEvents(checkIns.checkIns(), visits)::visited);
        CareDigest digest = new CareDigest(hub.database(), hub.clock(), hub.zone(), tasks, settings.digestAt(),
                hub.webhooks());
        hub.every(PLAN_CHECK, checkEvery, tasks::planDue);
        hub.every(DIGEST_CHECK, checkEvery, digest::sendDue);
        new CareRoutes(tasks, visits, new Terms(hub.database(), hub.clock(), tasks),
                new CareBoard(hub.database(), hub.clock(), hub.zone(), tasks),
                new Organisations(hub.database(), hub.clock()), hub.audit()).register(hub);
    }
}
