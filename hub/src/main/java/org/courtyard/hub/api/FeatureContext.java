package org.courtyard.hub.api;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.function.IntSupplier;
import org.courtyard.hub.audit.AuditLog;
import org.courtyard.hub.auth.Access;
import org.courtyard.hub.auth.Authenticator;
import org.courtyard.hub.notify.LiveEvents;
import org.courtyard.hub.notify.Webhooks;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.sync.LongPolls;
import org.courtyard.hub.sync.SyncService;
import org.courtyard.hub.web.Route;
import org.courtyard.hub.web.Router;
import org.eclipse.jetty.http.HttpMethod;

/**
 * What the hub shares with its features while they are installed: the database and clock, the
 * audit log, the authenticator (for a feature with callers of its own), the sync core and held
 * long-polls, the live stream and the webhooks, and the places to register routes and periodic
 * checks.
 */
public final class FeatureContext {

    private final Database database;
    private final Clock clock;
    private final ZoneId zone;
    private final AuditLog audit;
    private final Authenticator authenticator;
    private final Router router;
    private final SyncService sync;
    private final LongPolls longPolls;
    private final LiveEvents stream;
    private final Webhooks webhooks;
    private final PeriodicChecks checks;

    /** @param zone the township's time zone: days, months and the times in notices */
    public FeatureContext(Database database, Clock clock, ZoneId zone, AuditLog audit, Authenticator authenticator,
            Router router, SyncService sync, LongPolls longPolls, LiveEvents stream, Webhooks webhooks,
            PeriodicChecks checks) {
        this.database = database;
        this.clock = clock;
        this.zone = zone;
        this.audit = audit;
        this.authenticator = authenticator;
        this.router = router;
        this.sync = sync;
        this.longPolls = longPolls;
        this.stream = stream;
        this.webhooks = webhooks;
        this.checks = checks;
    }

    public Database database() {
        return database;
    }

    public Clock clock() {
        return clock;
    }

    public ZoneId zone() {
        return zone;
    }

    public AuditLog audit() {
        return audit;
    }

    /** Add a {@link Authenticator.Lookup} here for a new kind of caller. */
    public Authenticator authenticator() {
        return authenticator;
    }

    /** Register event handlers ({@link SyncService#on}), answer parts and batch hooks here. */
    public SyncService sync() {
        return sync;
    }

    /** Wake the held syncs of kiosks that a committed change concerns. */
    public LongPolls longPolls() {
        return longPolls;
    }

    /** Publish the feature's live events for the staff page here, after the commit. */
    public LiveEvents stream() {
        return stream;
    }

    /** Queue the feature's webhook notices here, inside the transaction of their change. */
    public Webhooks webhooks() {
        return webhooks;
    }

    /** Adds a route that {@code access} guards (see {@link Router#add}). */
    public <P> void route(HttpMethod method, String path, Access<P> access, Route<P> route) {
        router.add(method, path, access, route);
    }

    /**
     * Runs {@code check} every {@code every} once the hub has started (see {@link PeriodicChecks});
     * {@code name} is how {@code Hub.runCheck} and the log call it.
     */
    public void every(String name, Duration every, IntSupplier check) {
        checks.add(name, every, check);
    }
}
