package org.courtyard.hub;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.courtyard.hub.announce.AnnouncementRoutes;
import org.courtyard.hub.announce.Announcements;
import org.courtyard.hub.audit.AuditLog;
import org.courtyard.hub.audit.AuditRoutes;
import org.courtyard.hub.auth.AuthRoutes;
import org.courtyard.hub.auth.Authenticator;
import org.courtyard.hub.auth.LoginThrottle;
import org.courtyard.hub.auth.Users;
import org.courtyard.hub.care.CareBoard;
import org.courtyard.hub.care.CareDigest;
import org.courtyard.hub.care.CarePlan;
import org.courtyard.hub.care.CareRoutes;
import org.courtyard.hub.care.CareTasks;
import org.courtyard.hub.care.Organisations;
import org.courtyard.hub.care.Terms;
import org.courtyard.hub.care.Visits;
import org.courtyard.hub.checkin.AlertView;
import org.courtyard.hub.checkin.Alerts;
import org.courtyard.hub.checkin.CheckInRoutes;
import org.courtyard.hub.checkin.CheckIns;
import org.courtyard.hub.help.HelpChange;
import org.courtyard.hub.help.HelpRequests;
import org.courtyard.hub.help.HelpRoutes;
import org.courtyard.hub.help.VoiceMemoRoutes;
import org.courtyard.hub.help.VoiceMemos;
import org.courtyard.hub.kiosk.Enrolment;
import org.courtyard.hub.kiosk.EnrolmentRoutes;
import org.courtyard.hub.kiosk.EnrolmentThrottle;
import org.courtyard.hub.kiosk.FleetWatch;
import org.courtyard.hub.kiosk.KioskRoutes;
import org.courtyard.hub.kiosk.Kiosks;
import org.courtyard.hub.notify.LiveStream;
import org.courtyard.hub.notify.StreamRoutes;
import org.courtyard.hub.notify.Webhooks;
import org.courtyard.hub.store.Backup;
import org.courtyard.hub.store.BackupSchedule;
import org.courtyard.hub.store.DataLock;
import org.courtyard.hub.residents.CadreRoutes;
import org.courtyard.hub.residents.Cadres;
import org.courtyard.hub.residents.Ledger;
import org.courtyard.hub.residents.ResidentRoutes;
import org.courtyard.hub.residents.Residents;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.sync.LongPolls;
import org.courtyard.hub.sync.SyncRoutes;
import org.courtyard.hub.sync.SyncService;
import org.courtyard.hub.web.Connectors;
import org.courtyard.hub.web.JsonErrorHandler;
import org.courtyard.hub.web.Lane;
import org.courtyard.hub.web.NotFoundHandler;
import org.courtyard.hub.web.Reply;
import org.courtyard.hub.web.RequestHeadTimeout;
import org.courtyard.hub.web.Router;
import org.courtyard.hub.web.SecurityHeaders;
import org.courtyard.hub.web.StaticFiles;
import org.courtyard.hub.web.TlsSettings;
import org.courtyard.hub.web.TrustedProxy;
import org.courtyard.protocol.HelpCategory;
import org.courtyard.protocol.HelpRequest;
import org.courtyard.protocol.HelpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The township hub: HTTP API, staff page, database, background checks.
 *
 * <p>{@link #create} opens (and migrates) the database and creates the first admin, but does not
 * listen; {@link #start} does. With port 0 the system picks a free port, which {@link #port()}
 * tells after start. {@link #close} answers held long-polls, ends event streams, stops the server
 * and background threads, closes the database and releases the data directory; closing twice is
 * safe.
 */
public final class Hub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Hub.class);

    /** The database file inside the data directory. */
    public static final String DATABASE_FILE = "hub.db";
    /** The folder of residents' photos inside the data directory, one JPEG per SHA-256. */
    public static final String PHOTO_DIR = "photos";
    /** The folder of visits' photos inside the data directory, one JPEG per SHA-256. */
    public static final String VISIT_PHOTO_DIR = "visit-photos";

    private final HubConfig config;
    private final DataLock lock;
    private final Database database;
    private final Optional<BackupSchedule> backups;
    private final Optional<String> generatedAdminPassword;
    private final HelpRequests help;
    private final Webhooks webhooks;
    private final LiveStream liveStream;
    private final LongPolls longPolls;
    private final Alerts alerts;
    private final FleetWatch fleet;
    private final CareTasks careTasks;
    private final CareDigest careDigest;
    private final Server server;
    private final ServerConnector connector;
    private final ScheduledExecutorService scheduler;
    private boolean started;
    private boolean closed;

    private Hub(HubConfig config, DataLock lock, Database database) {
        this.config = config;
        this.lock = lock;
        this.database = database;
        this.backups = config.backup().map(settings -> new BackupSchedule(config.dataDir(), settings, config.clock()));
        AuditLog audit = new AuditLog(database, config.clock());
        Users users = new Users(database, config.clock(), config.sessionLifetime());
        this.generatedAdminPassword = users.createFirstAdmin(config.adminPassword());
        Authenticator authenticator = new Authenticator(database, users);
        Kiosks kiosks = new Kiosks(database, config.clock(), config.kioskOnlineWindow());
        this.webhooks = new Webhooks(database, config.clock(), config.webhooks(), config.webhookMaxAttempts(),
                config.webhookRetryBase(), config.zone(), config.overdueAfter(), config.kioskSilentAfter());
        this.careTasks = new CareTasks(database, config.clock(), config.zone(),
                new CarePlan(config.care().rules(), config.care().calendar()));
        // A resolved 看病 request of a known person brings a follow-up visit, in the same transaction.
        this.help = new HelpRequests(database, config.clock(), config.overdueAfter(), (connection, change) -> {
            webhooks.record(connection, change);
            HelpRequest request = change.help().request();
            if (change.kind() == HelpChange.Kind.UPDATED && request.status() == HelpStatus.RESOLVED
                    && request.category() == HelpCategory.MEDICAL && request.residentId() != null) {
                careTasks.illnessRequestResolved(connection, request.id().toString(), request.residentId(),
                        careTasks.today());
            }
        });
        this.liveStream = new LiveStream(config.keepAliveEvery());
        Residents residents = new Residents(database, config.clock(), config.dataDir().resolve(PHOTO_DIR));
        Cadres cadres = new Cadres(database, config.clock(), residents);
        this.alerts = new Alerts(database, config.clock(), config.zone(), config.checkInGraceDays(), webhooks,
                liveStream, residents);
        CheckIns checkIns = new CheckIns(database, config.clock(), config.zone(), residents, alerts, liveStream);
        alerts.addHook(new Alerts.AlertHook() {
            @Override
            public void raised(Connection connection, AlertView alert, LocalDate day) throws SQLException {
                careTasks.missedCheckIn(connection, alert.id(), alert.residentId(), day);
            }

            @Override
            public void paused(Connection connection, String residentId, Alerts.PauseReason reason, LocalDate day)
                    throws SQLException {
                if (reason == Alerts.PauseReason.ILLNESS || reason == Alerts.PauseReason.HOSPITAL) {
                    careTasks.pausedForIllness(connection, residentId, day);
                }
            }
        });
        Visits visits = new Visits(database, config.clock(), config.zone(), residents, careTasks, liveStream,
                config.dataDir().resolve(VISIT_PHOTO_DIR));
        this.careDigest = new CareDigest(database, config.clock(), config.zone(), careTasks, config.care().digestAt(),
                webhooks);
        // A new resident gets the tasks of the month (and of an open festival) at the next look; the
        // roster changes whenever someone is added, moved or set inactive.
        residents.addRosterListener(careTasks::ledgerChanged);

        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("courtyard-http");
        this.server = new Server(threads);
        RequestHeadTimeout heads = new RequestHeadTimeout(config.limits().headerTimeout(), null);
        this.connector = Connectors.create(server, config.host(), config.port(), config.limits(), config.tls(),
                heads);
        server.addConnector(connector);
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(2_000);

        this.longPolls = new LongPolls(threads);
        Announcements announcements = new Announcements(database, config.clock(), kiosks);
        SyncService sync = new SyncService(database, config.clock(), kiosks, help, announcements, checkIns, visits,
                residents);
        announcements.addListener((announcement, kioskIds) -> longPolls.wake(kioskIds));
        announcements.addDeliveryListener(liveStream);
        help.addListener(webhooks);
        help.addListener(liveStream);
        help.addListener(longPolls);
        sync.addKioskListener(liveStream);
        // Someone set inactive or no longer expected to check in leaves the alert list at once.
        residents.addLedgerListener(alerts::ledgerChanged);
        // A new resident or PIN reaches the village's kiosks within a second, not at their next sync.
        residents.addRosterListener(villages -> villages.forEach(village -> longPolls.wake(
                kiosks.list(Optional.of(village)).stream().map(org.courtyard.hub.kiosk.KioskView::id).toList())));
        this.fleet = new FleetWatch(database, config.clock(), kiosks, config.kioskSilentAfter(), webhooks);
        fleet.addListener(webhooks);
        fleet.addListener(liveStream);
        sync.addKioskListener(fleet);
        Enrolment enrolment = new Enrolment(database, config.clock(), config.enrolmentCodeLifetime());

        Router router = new Router(List.of("/api", "/healthz"), config.limits().bodyTimeout());
        router.add("GET", "/healthz", exchange -> Reply.ok(Map.of("status", "ok")));
        new AuthRoutes(users, authenticator, config.sessionLifetime(), new LoginThrottle(config.clock()), audit)
                .register(router);
        new KioskRoutes(kiosks, authenticator, audit, enrolment).register(router);
        new EnrolmentRoutes(enrolment, new EnrolmentThrottle(config.clock()), authenticator, audit)
                .register(router);
        new SyncRoutes(sync, authenticator, longPolls, config.longPollMax()).register(router);
        new HelpRoutes(help, authenticator, audit).register(router);
        new VoiceMemoRoutes(new VoiceMemos(database, config.clock(), config.dataDir().resolve("memos"), help),
                authenticator, audit).register(router);
        new StreamRoutes(liveStream, authenticator).register(router);
        new AnnouncementRoutes(announcements, authenticator, audit, config.dataDir(), config.announce())
                .register(router);
        new ResidentRoutes(residents, new Ledger(database, residents), authenticator, audit).register(router);
        new CadreRoutes(cadres, authenticator, audit).register(router);
        new CheckInRoutes(checkIns, alerts, authenticator, audit).register(router);
        new CareRoutes(careTasks, visits, new Terms(database, config.clock(), careTasks),
                new CareBoard(database, config.clock(), config.zone(), careTasks),
                new Organisations(database, config.clock()), authenticator, audit).register(router);
        new AuditRoutes(audit, authenticator::requireAdmin).register(router);
        Handler handlers = new Lane("/api/v1/sync", config.limits().syncThreads(), config.limits().syncQueue(),
                new Handler.Sequence(router, StaticFiles.handler(server), new NotFoundHandler()));
        if (config.trustProxy()) {
            handlers = new TrustedProxy(handlers);
        }
        heads.setHandler(new SecurityHeaders(handlers));
        server.setHandler(heads);

        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "courtyard-checks");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Builds a hub from {@code config}: opens its TLS keystore if it has one, creates the data
     * directory if needed and claims it ({@code DIR/hub.lock}, see {@link DataLock}), opens and
     * migrates {@code DIR/hub.db}, and on an empty database creates user {@code admin}. Does not
     * listen yet.
     *
     * @throws IllegalArgumentException if the keystore cannot be opened (the message names
     *     {@code tls.keystore}) or the data directory cannot be created
     * @throws IllegalStateException if another hub or a restore is using the data directory
     */
    public static Hub create(HubConfig config) {
        config.tls().ifPresent(TlsSettings::check);
        Path dir = config.dataDir();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create the data directory " + dir + ": " + e.getMessage(), e);
        }
        DataLock lock = DataLock.acquire(dir);
        Database database;
        try {
            database = Database.open(dir.resolve(DATABASE_FILE));
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        try {
            return new Hub(config, lock, database);
        } catch (RuntimeException e) {
            database.close();
            lock.close();
            throw e;
        }
    }

    /**
     * Starts listening and the background work (overdue check, missed check-in check, webhook sender).
     *
     * @throws IllegalStateException if started before or closed
     * @throws java.io.UncheckedIOException if the port cannot be opened
     */
    public synchronized Hub start() {
        if (closed) {
            throw new IllegalStateException("The hub has been closed.");
        }
        if (started) {
            throw new IllegalStateException("The hub is already started.");
        }
        started = true;
        try {
            server.start();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot listen on port " + config.port() + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException("the HTTP server failed to start", e);
        }
        webhooks.start();
        backups.ifPresent(BackupSchedule::start);
        long every = config.overdueCheckEvery().toMillis();
        scheduler.scheduleWithFixedDelay(this::checkOverdueSafely, every, every, TimeUnit.MILLISECONDS);
        long checkIns = config.checkInCheckEvery().toMillis();
        scheduler.scheduleWithFixedDelay(this::checkCheckInsSafely, checkIns, checkIns, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::checkSilentSafely, every, every, TimeUnit.MILLISECONDS);
        // The care plan at once (today's tasks exist before anyone looks); the digest at the checks.
        scheduler.execute(() -> careSafely(false));
        scheduler.scheduleWithFixedDelay(() -> careSafely(true), checkIns, checkIns, TimeUnit.MILLISECONDS);
        LOG.info("hub started on port {} with data in {}", port(), config.dataDir());
        return this;
    }

    /** The port listened on; after {@link #start}. */
    public int port() {
        int port = connector.getLocalPort();
        if (port <= 0) {
            throw new IllegalStateException("The hub is not listening; call start() first.");
        }
        return port;
    }

    /**
     * {@code http://127.0.0.1:PORT}, for callers on this machine; {@code https://127.0.0.1:PORT}
     * when the hub serves TLS (its certificate must then name 127.0.0.1 for the address to verify).
     */
    public URI uri() {
        return URI.create((config.tls().isPresent() ? "https" : "http") + "://127.0.0.1:" + port());
    }

    /** The first admin's password if this start generated it (shown once); empty otherwise. */
    public Optional<String> generatedAdminPassword() {
        return generatedAdminPassword;
    }

    /**
     * Marks requests overdue that have been NEW longer than the configured time, as the periodic
     * check does, now.
     *
     * @return how many became overdue
     */
    public int checkOverdue() {
        return help.markOverdue();
    }

    /**
     * Raises an alert for every resident past their check-in expectation plus the grace days, and
     * clears alerts that no longer hold, as the periodic check (every few minutes) does, now.
     *
     * @return how many alerts were raised
     */
    public int checkCheckIns() {
        return alerts.check();
    }

    /**
     * Marks kiosks silent that have not synced for {@code kiosk.silent-minutes}, as the periodic
     * check does, now; each goes to the live stream ({@code kiosk-silent}) and the webhooks.
     *
     * @return how many became silent
     */
    public int checkSilentKiosks() {
        return fleet.checkSilent();
    }

    /** Sends the webhook messages that are due now, on the calling thread; returns how many went out. */
    public int deliverWebhooks() {
        return webhooks.deliverDue();
    }

    /**
     * Makes a backup into {@code backup.dir} now, as the schedule does, and deletes the oldest
     * beyond {@code backup.keep}.
     *
     * @throws IllegalStateException if this hub has no {@code backup.dir}
     */
    public Backup.Written backupNow() {
        return backups.orElseThrow(() -> new IllegalStateException("this hub has no backup.dir")).backupNow();
    }

    /** How many kiosks' syncs are held open by long-poll now (an operational gauge). */
    public int waitingSyncs() {
        return longPolls.waiting();
    }

    /** How many live event streams are open now (an operational gauge). */
    public int streamClients() {
        return liveStream.clients();
    }

    /** Waits until the server stops. */
    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        longPolls.close();
        liveStream.close();
        try {
            server.stop();
        } catch (Exception e) {
            LOG.error("stopping the HTTP server failed", e);
        }
        scheduler.shutdownNow();
        backups.ifPresent(BackupSchedule::close);
        webhooks.close();
        database.close();
        lock.close();
        LOG.info("hub stopped");
    }

    private void checkCheckInsSafely() {
        try {
            checkCheckIns();
        } catch (RuntimeException e) {
            LOG.error("the check-in check failed; trying again at the next interval", e);
        }
    }

    /**
     * Stores the care tasks of every month, festival and term open today, as the hub does at start
     * and at the first look of each day (see {@link CareTasks#planToday()}), now.
     *
     * @return how many tasks were stored
     */
    public int planCare() {
        return careTasks.planToday();
    }

    /**
     * Queues today's visit digest of every village that has none yet, once {@code care.digest-time}
     * has come, as the periodic check does, now.
     *
     * @return how many villages' digests went to the webhooks
     */
    public int sendCareDigests() {
        return careDigest.sendDue();
    }

    private void careSafely(boolean digest) {
        try {
            careTasks.ensurePlanned();
            if (digest) {
                careDigest.sendDue();
            }
        } catch (RuntimeException e) {
            LOG.error("planning the care tasks or sending their digest failed; trying again at the next interval", e);
        }
    }

    private void checkSilentSafely() {
        try {
            checkSilentKiosks();
        } catch (RuntimeException e) {
            LOG.error("the silent-kiosk check failed; trying again at the next interval", e);
        }
    }

    private void checkOverdueSafely() {
        try {
            checkOverdue();
        } catch (RuntimeException e) {
            LOG.error("the overdue check failed; trying again at the next interval", e);
        }
    }
}
