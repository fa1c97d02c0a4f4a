package org.courtyard.hub;

import static org.eclipse.jetty.http.HttpMethod.GET;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.courtyard.hub.api.Feature;
import org.courtyard.hub.api.FeatureContext;
import org.courtyard.hub.api.PeriodicChecks;
import org.courtyard.hub.api.announce.AnnouncementFeature;
import org.courtyard.hub.api.audit.AuditFeature;
import org.courtyard.hub.api.auth.AuthFeature;
import org.courtyard.hub.api.care.CareFeature;
import org.courtyard.hub.api.checkin.CheckInFeature;
import org.courtyard.hub.api.family.FamilyFeature;
import org.courtyard.hub.api.help.HelpFeature;
import org.courtyard.hub.api.home.HomeFeature;
import org.courtyard.hub.api.kiosk.KioskFeature;
import org.courtyard.hub.api.notify.NotifyFeature;
import org.courtyard.hub.api.reports.ReportsFeature;
import org.courtyard.hub.api.residents.ResidentsFeature;
import org.courtyard.hub.api.survey.SurveyFeature;
import org.courtyard.hub.api.sync.SyncFeature;
import org.courtyard.hub.audit.AuditLog;
import org.courtyard.hub.auth.Access;
import org.courtyard.hub.auth.Authenticator;
import org.courtyard.hub.core.HealthReason;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.notify.Webhooks;
import org.courtyard.hub.store.Backup;
import org.courtyard.hub.store.BackupSchedule;
import org.courtyard.hub.store.DataLock;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.StorageFullException;
import org.courtyard.hub.store.StorageHealth;
import org.courtyard.hub.sync.LongPolls;
import org.courtyard.hub.sync.SyncService;
import org.courtyard.hub.web.Connectors;
import org.courtyard.hub.web.CrossSiteRequests;
import org.courtyard.hub.web.JsonErrorHandler;
import org.courtyard.hub.web.Lane;
import org.courtyard.hub.web.LiveStream;
import org.courtyard.hub.web.NotFoundHandler;
import org.courtyard.hub.web.Reply;
import org.courtyard.hub.web.RequestHeadTimeout;
import org.courtyard.hub.web.Router;
import org.courtyard.hub.web.SecurityHeaders;
import org.courtyard.hub.web.StaticFiles;
import org.courtyard.hub.web.TlsSettings;
import org.courtyard.hub.web.TrustedProxy;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The township hub: HTTP API, staff page, database, background checks.
 *
 * <p>The hub itself is the shared services (database, audit log, authenticator, sync core, held
 * long-polls, live stream, webhooks, router, periodic checks); everything else is a
 * {@link Feature}, installed in the order of {@link #features}: its tables are brought up to date,
 * then it registers its routes, event handlers, answer parts, listeners and checks.
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
    /** The folder of help requests' voice memos inside the data directory, one WAV per SHA-256. */
    public static final String MEMO_DIR = "memos";
    /** The folder of visits' photos inside the data directory, one JPEG per SHA-256. */
    public static final String VISIT_PHOTO_DIR = "visit-photos";
    /** What a 507 asks clients to wait: a full disk is not freed in seconds. */
    static final Duration STORAGE_FULL_RETRY = Duration.ofSeconds(60);
    /** The folder of family messages' audio inside the data directory, one WAV per SHA-256. */
    public static final String FAMILY_MESSAGE_DIR = "family-messages";

    /** The hub's features in the order they are installed, and those others use. */
    private record Features(AuthFeature auth, List<Feature> all) {
    }

    private final HubConfig config;
    private final DataLock lock;
    private final Database database;
    private final Optional<BackupSchedule> backups;
    private final Webhooks webhooks;
    private final LiveStream liveStream;
    private final LongPolls longPolls;
    private final Router router;
    private final PeriodicChecks checks = new PeriodicChecks();
    private final Optional<String> generatedAdminPassword;
    private final Server server;
    private final ServerConnector connector;
    private final ScheduledExecutorService scheduler;
    private boolean started;
    private boolean closed;

    /**
     * The features of a hub made from {@code config}, in install order. A feature is one line
     * here; one that needs another's services takes it and comes after it. {@code stream} is the
     * live stream the staff page opens (null when only the features' schemas are wanted).
     */
    private static Features features(HubConfig config, LiveStream stream) {
        AuthFeature auth = new AuthFeature(config.sessionLifetime(), config.adminPassword());
        KioskFeature kiosks = new KioskFeature(config.kioskOnlineWindow(), config.kioskSilentAfter(),
                config.overdueCheckEvery(), config.enrolmentCodeLifetime());
        ResidentsFeature residents = new ResidentsFeature(config.dataDir().resolve(PHOTO_DIR));
        HelpFeature help = new HelpFeature(residents, config.overdueAfter(), config.overdueCheckEvery(),
                config.dataDir().resolve(MEMO_DIR));
        CheckInFeature checkIns = new CheckInFeature(residents, config.checkInGraceDays(), config.checkInCheckEvery());
        return new Features(auth, List.of(
                new AuditFeature(),
                auth,
                kiosks,
                new SyncFeature(config.longPollMax()),
                new NotifyFeature(stream, auth),
                help,
                residents,
                checkIns,
                new AnnouncementFeature(kiosks, config.dataDir(), config.announce()),
                new CareFeature(residents, checkIns, help, config.care(), config.dataDir().resolve(VISIT_PHOTO_DIR),
                        config.checkInCheckEvery()),
                new SurveyFeature(residents, config.survey()),
                new ReportsFeature(config.report(), config.survey().fiveGuaranteeTag()),
                new FamilyFeature(residents, config.family(), config.dataDir().resolve(FAMILY_MESSAGE_DIR)),
                new HomeFeature(kiosks, residents, config.homeSilentAfter())));
    }

    private Hub(HubConfig config, DataLock lock, Database database) {
        this.config = config;
        this.lock = lock;
        this.database = database;
        this.backups = config.backup().map(settings -> new BackupSchedule(config.dataDir(), settings, config.clock()));
        this.webhooks = new Webhooks(database, config.clock(), config.zone(), config.webhooks(),
                config.webhookMaxAttempts(), config.webhookRetryBase(), config.publicUrl());
        this.liveStream = new LiveStream(config.keepAliveEvery(), config.clock());

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
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "courtyard-checks");
            thread.setDaemon(true);
            return thread;
        });

        Authenticator authenticator = new Authenticator();
        this.router = new Router(List.of("/api", "/healthz"), config.limits().bodyTimeout(), authenticator);
        StorageHealth storage = new StorageHealth(database, config.dataDir(), config.minFreeDiskBytes());
        router.translate(Hub::storageFull);
        router.add(GET, "/healthz", Access.PUBLIC, (exchange, nobody) -> {
            List<HealthReason> reasons = new ArrayList<>(storage.reasons());
            reasons.addAll(webhooks.problems());
            return Reply.ok(health(reasons));
        });
        FeatureContext context = new FeatureContext(database, config.clock(), config.zone(),
                new AuditLog(database, config.clock()), authenticator, router,
                new SyncService(database, config.clock()), longPolls, liveStream, webhooks, checks);
        try {
            Features features = features(config, liveStream);
            install(features.all(), context);
            this.generatedAdminPassword = features.auth().generatedAdminPassword();
        } catch (RuntimeException e) {
            stopBackgroundWork();
            throw e;
        }

        Handler handlers = new CrossSiteRequests(new Lane("/api/v1/sync", config.limits().syncThreads(),
                config.limits().syncQueue(), new Handler.Sequence(router, StaticFiles.handler(server),
                        StaticFiles.charts(server), new NotFoundHandler())), config.publicUrl(), config.trustProxy());
        if (config.trustProxy()) {
            handlers = new TrustedProxy(handlers);
        }
        heads.setHandler(new SecurityHeaders(handlers));
        // Stopping waits (up to the stop timeout) for requests in flight to complete: close()
        // answers every held long-poll first, and those answers must reach the kiosks before the
        // connections are closed, or a kiosk sees a dropped line instead of its answer.
        server.setHandler(new GracefulHandler(heads));
    }

    /** Brings each feature's tables up to date and installs it, in order; refuses a database of unknown features. */
    private void install(List<Feature> features, FeatureContext context) {
        Set<String> names = new HashSet<>();
        for (Feature feature : features) {
            if (!names.add(feature.name())) {
                throw new IllegalStateException("two features are named " + feature.name());
            }
            database.migrate(feature.name(), feature.migrations());
            feature.install(context);
        }
        database.requireOnly(names);
    }

    /**
     * The newest schema step of each feature a hub made from {@code config} has, by feature name:
     * what a backup may hold at most to be restored by this hub.
     */
    public static Map<String, Integer> schema(HubConfig config) {
        Map<String, Integer> schema = new LinkedHashMap<>();
        for (Feature feature : features(config, null).all()) {
            schema.put(feature.name(), feature.migrations().size());
        }
        return schema;
    }

    /**
     * Builds a hub from {@code config}: opens its TLS keystore if it has one, creates the data
     * directory if needed and claims it ({@code DIR/hub.lock}, see {@link DataLock}), opens and
     * migrates {@code DIR/hub.db}, and on an empty database creates user {@code admin}. Does not
     * listen yet.
     *
     * @throws IllegalArgumentException if the keystore cannot be opened (the message names
     *     {@code tls.keystore}) or the data directory cannot be created
     * @throws IllegalStateException if another hub or a restore is using the data directory, or the
     *     database was written by a newer hub
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
     * Starts listening and the background work: the features' periodic checks, the webhook sender,
     * scheduled backups.
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
        checks.schedule(scheduler);
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

    /** Every route with its access level, in the order the features added them (read-only). */
    public List<Router.Endpoint> routes() {
        return router.endpoints();
    }

    /**
     * Runs a feature's periodic check now, as its schedule does: {@link HelpFeature#OVERDUE_CHECK},
     * {@link CheckInFeature#MISSED_CHECK}, {@link KioskFeature#SILENT_CHECK},
     * {@link FamilyFeature#RETENTION_CHECK}.
     *
     * @return what the check changed (requests that became overdue, alerts raised, kiosks that
     *     became silent)
     * @throws IllegalArgumentException for a name no check has
     */
    public int runCheck(String name) {
        return checks.run(name);
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

    /**
     * {@code {"status":"ok"}}, or {@code {"status":"degraded","reasons":[...]}} while something
     * keeps help from reaching people: today a webhook receiver that refuses its key or keeps failing.
     */
    /** How many kiosks' syncs are held open by long-poll now (an operational gauge). */
    public int waitingSyncs() {
        return longPolls.waiting();
    }

    /**
     * How many write transactions the database has committed since the hub started; a group of
     * writes committed together counts once (an operational gauge).
     */
    public long databaseCommits() {
        return database.commits();
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

    /**
     * {@code {"status":"ok"}}, or {@code {"status":"degraded","reasons":[{"code","message"}...]}}
     * while the hub serves but cannot be relied on to store what it is sent. 200 either way: the
     * hub is up, and a load balancer should not take it out for a full disk.
     */
    private static Map<String, Object> health(List<HealthReason> reasons) {
        if (reasons.isEmpty()) {
            return Map.of("status", "ok");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "degraded");
        body.put("reasons", reasons);
        return body;
    }

    /**
     * A full disk is 507 with {@code Retry-After}: nothing was stored, the same request will
     * succeed once space is freed, and kiosks keep the events in their outbox until then.
     */
    private static Optional<Refusal> storageFull(Throwable failure) {
        return StorageFullException.in(failure).map(full -> new Refusal(Refusal.Kind.STORAGE_FULL, "storage_full",
                "the hub's disk is full, so nothing of this request was stored; try again later."
                        + " The hub's operator must free space on its data disk").retryAfter(STORAGE_FULL_RETRY));
    }

    /** Stops the threads made before the features were installed, when installing failed. */
    private void stopBackgroundWork() {
        longPolls.close();
        liveStream.close();
        scheduler.shutdownNow();
        webhooks.close();
    }
}
