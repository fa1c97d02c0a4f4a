package org.courtyard.hub;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.courtyard.hub.auth.AuthRoutes;
import org.courtyard.hub.auth.Authenticator;
import org.courtyard.hub.auth.Users;
import org.courtyard.hub.help.HelpRequests;
import org.courtyard.hub.help.HelpRoutes;
import org.courtyard.hub.kiosk.Enrolment;
import org.courtyard.hub.kiosk.EnrolmentRoutes;
import org.courtyard.hub.kiosk.EnrolmentThrottle;
import org.courtyard.hub.kiosk.FleetWatch;
import org.courtyard.hub.kiosk.KioskRoutes;
import org.courtyard.hub.kiosk.Kiosks;
import org.courtyard.hub.notify.LiveStream;
import org.courtyard.hub.notify.StreamRoutes;
import org.courtyard.hub.notify.Webhooks;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.sync.LongPolls;
import org.courtyard.hub.sync.SyncRoutes;
import org.courtyard.hub.sync.SyncService;
import org.courtyard.hub.web.JsonErrorHandler;
import org.courtyard.hub.web.NotFoundHandler;
import org.courtyard.hub.web.Reply;
import org.courtyard.hub.web.Router;
import org.courtyard.hub.web.SecurityHeaders;
import org.courtyard.hub.web.StaticFiles;
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
 * and background threads and closes the database; closing twice is safe.
 */
public final class Hub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Hub.class);

    /** The database file inside the data directory. */
    public static final String DATABASE_FILE = "hub.db";

    private final HubConfig config;
    private final Database database;
    private final Optional<String> generatedAdminPassword;
    private final HelpRequests help;
    private final Webhooks webhooks;
    private final LiveStream liveStream;
    private final LongPolls longPolls;
    private final FleetWatch fleet;
    private final Server server;
    private final ServerConnector connector;
    private final ScheduledExecutorService scheduler;
    private boolean started;
    private boolean closed;

    private Hub(HubConfig config, Database database) {
        this.config = config;
        this.database = database;
        Users users = new Users(database, config.clock(), config.sessionLifetime());
        this.generatedAdminPassword = users.createFirstAdmin(config.adminPassword());
        Authenticator authenticator = new Authenticator(database, users);
        Kiosks kiosks = new Kiosks(database, config.clock(), config.kioskOnlineWindow());
        this.webhooks = new Webhooks(database, config.clock(), config.webhooks(), config.webhookMaxAttempts(),
                config.webhookRetryBase(), config.zone(), config.overdueAfter(), config.kioskSilentAfter());
        this.help = new HelpRequests(database, config.clock(), config.overdueAfter(), webhooks);
        this.liveStream = new LiveStream(config.keepAliveEvery());

        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("courtyard-http");
        this.server = new Server(threads);
        this.connector = new ServerConnector(server);
        connector.setPort(config.port());
        connector.setHost(config.host());
        connector.setIdleTimeout(60_000);
        server.addConnector(connector);
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(2_000);

        this.longPolls = new LongPolls(threads);
        SyncService sync = new SyncService(database, config.clock(), kiosks, help);
        help.addListener(webhooks);
        help.addListener(liveStream);
        help.addListener(longPolls);
        sync.addKioskListener(liveStream);
        this.fleet = new FleetWatch(database, config.clock(), kiosks, config.kioskSilentAfter(), webhooks);
        fleet.addListener(webhooks);
        fleet.addListener(liveStream);
        sync.addKioskListener(fleet);
        Enrolment enrolment = new Enrolment(database, config.clock(), config.enrolmentCodeLifetime());

        Router router = new Router(List.of("/api", "/healthz"));
        router.add("GET", "/healthz", exchange -> Reply.ok(Map.of("status", "ok")));
        new AuthRoutes(users, authenticator, config.sessionLifetime()).register(router);
        new KioskRoutes(kiosks, authenticator, enrolment).register(router);
        new EnrolmentRoutes(enrolment, new EnrolmentThrottle(config.clock()), authenticator).register(router);
        new SyncRoutes(sync, authenticator, longPolls, config.longPollMax()).register(router);
        new HelpRoutes(help, authenticator).register(router);
        new StreamRoutes(liveStream, authenticator).register(router);
        server.setHandler(new SecurityHeaders(
                new Handler.Sequence(router, StaticFiles.handler(server), new NotFoundHandler())));

        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "courtyard-overdue-check");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Builds a hub from {@code config}: creates the data directory if needed, opens and migrates
     * {@code DIR/hub.db}, and on an empty database creates user {@code admin}. Does not listen yet.
     */
    public static Hub create(HubConfig config) {
        Path dir = config.dataDir();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create the data directory " + dir + ": " + e.getMessage(), e);
        }
        Database database = Database.open(dir.resolve(DATABASE_FILE));
        try {
            return new Hub(config, database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Starts listening and the background work (overdue check, webhook sender).
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
        long every = config.overdueCheckEvery().toMillis();
        scheduler.scheduleWithFixedDelay(this::checkOverdueSafely, every, every, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::checkSilentSafely, every, every, TimeUnit.MILLISECONDS);
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

    /** {@code http://127.0.0.1:PORT}, for callers on this machine. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port());
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
        webhooks.close();
        database.close();
        LOG.info("hub stopped");
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
