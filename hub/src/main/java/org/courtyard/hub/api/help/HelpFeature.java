package org.courtyard.hub.api.help;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.courtyard.hub.api.Feature;
import org.courtyard.hub.api.FeatureContext;
import org.courtyard.hub.api.residents.ResidentsFeature;
import org.courtyard.hub.help.HelpChange;
import org.courtyard.hub.help.HelpEvents;
import org.courtyard.hub.help.HelpNotices;
import org.courtyard.hub.help.HelpRequests;
import org.courtyard.hub.help.HelpSchema;
import org.courtyard.hub.help.HelpUpdatesPart;
import org.courtyard.hub.help.VoiceMemos;
import org.courtyard.hub.store.Migration;
import org.courtyard.protocol.HelpCancelled;
import org.courtyard.protocol.HelpDetails;
import org.courtyard.protocol.HelpRepeated;
import org.courtyard.protocol.HelpRequested;

/**
 * Help requests: the events HELP_REQUESTED, HELP_CANCELLED, HELP_DETAILS and HELP_REPEATED, the
 * sync part {@code helpUpdates}, the staff routes and voice memos, the live events
 * {@code help-created}, {@code help-updated}, {@code help-overdue} and {@code help-repeated}, the
 * webhooks {@code help.new}, {@code help.overdue}, {@code help.resolved}, {@code help.repeated} and
 * {@code help.person}, and the periodic check {@value #OVERDUE_CHECK}. The person who asked comes
 * from the ledger, looked up when a request names them (so help may install before residents).
 */
public final class HelpFeature implements Feature {

    /** The periodic check that marks requests overdue. */
    public static final String OVERDUE_CHECK = "help.overdue";

    private final ResidentsFeature residents;
    private final Duration overdueAfter;
    private final Duration checkEvery;
    private final Path memoDir;
    private HelpRequests help;

    /**
     * @param residents the ledger; it may install after this feature (help comes first in the sync answer)
     * @param overdueAfter how long a request may stay NEW before it is overdue
     * @param checkEvery how often the hub looks for overdue requests
     * @param memoDir where voice memos are kept, one WAV file per SHA-256
     */
    public HelpFeature(ResidentsFeature residents, Duration overdueAfter, Duration checkEvery, Path memoDir) {
        this.residents = residents;
        this.overdueAfter = overdueAfter;
        this.checkEvery = checkEvery;
        this.memoDir = memoDir;
    }

    @Override
    public String name() {
        return "help";
    }

    @Override
    public List<Migration> migrations() {
        return HelpSchema.STEPS;
    }

    @Override
    public void install(FeatureContext hub) {
        HelpNotices notices = new HelpNotices(hub.webhooks(), hub.zone(), overdueAfter);
        HelpRequests help = new HelpRequests(hub.database(), hub.clock(), overdueAfter, notices,
                new LedgerPeople(residents::residents));
        this.help = help;
        help.addListener(notices);
        help.addListener(change -> hub.stream().publish(switch (change.kind()) {
            case CREATED -> "help-created";
            case UPDATED, DETAILS -> "help-updated";
            case OVERDUE -> "help-overdue";
            case REPEATED -> "help-repeated";
        }, Optional.ofNullable(change.help().request().village()), change.help()));
        // A status change is news for the kiosk that sent the request.
        help.addListener(change -> {
            if (change.kind() == HelpChange.Kind.UPDATED) {
                hub.longPolls().wake(List.of(change.help().request().kioskId()));
            }
        });

        HelpEvents events = new HelpEvents(help);
        hub.sync().on(HelpRequested.class, events::requested);
        hub.sync().on(HelpCancelled.class, events::cancelled);
        hub.sync().on(HelpDetails.class, events::details);
        hub.sync().on(HelpRepeated.class, events::repeated);
        hub.sync().addPart(new HelpUpdatesPart(help, hub.database()));

        hub.every(OVERDUE_CHECK, checkEvery, help::markOverdue);
        new HelpRoutes(help, hub.audit()).register(hub);
        new VoiceMemoRoutes(new VoiceMemos(hub.database(), hub.clock(), memoDir, help), hub.audit()).register(hub);
    }

    /** The help requests, once installed: other features hook on their changes (care's illness follow-up). */
    public HelpRequests help() {
        if (help == null) {
            throw new IllegalStateException("the help feature is not installed yet");
        }
        return help;
    }
}
