package org.courtyard.hub;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.courtyard.hub.announce.AnnounceSettings;
import org.courtyard.hub.care.CareSettings;
import org.courtyard.hub.family.FamilySettings;
import org.courtyard.hub.notify.WebhookEvent;
import org.courtyard.hub.notify.WebhookFormat;
import org.courtyard.hub.notify.WebhookTarget;
import org.courtyard.hub.reports.ReportSettings;
import org.courtyard.hub.store.BackupSettings;
import org.courtyard.hub.survey.Criteria;
import org.courtyard.hub.web.Limits;
import org.courtyard.hub.web.TlsSettings;

/**
 * Everything a {@link Hub} is built from. Make one with {@link #builder(Path)}; the defaults suit a
 * township. Tests pass port 0 and their own {@link Clock}.
 *
 * @param host the address to listen on; null for every interface (kiosks reach the hub over the LAN)
 * @param adminPassword the first admin's password; empty to generate one
 * @param announce announcement uploads: the size limit, and ffmpeg (found on the {@code PATH} by default)
 * @param checkInGraceDays days a check-in may be late before an alert ({@code checkin.grace-days})
 * @param checkInCheckEvery how often the hub looks for missed check-ins
 * @param trustProxy believe the last {@code X-Forwarded-For} address ({@code http.trust-proxy});
 *     only behind a reverse proxy, see {@link org.courtyard.hub.web.TrustedProxy}
 * @param limits timeouts, connection and sync-thread limits ({@code http.*}, {@code sync.threads},
 *     {@code sync.queue})
 * @param tls the keystore to serve HTTPS with ({@code tls.keystore}); empty for plain HTTP. With it
 *     the hub speaks only HTTPS on {@code port}
 * @param backup scheduled backups ({@code backup.dir}, {@code backup.every-hours}, {@code backup.keep});
 *     empty for none
 * @param kioskSilentAfter a kiosk that has not synced this long raises the silent-kiosk alert
 * @param enrolmentCodeLifetime how long a kiosk's enrolment code works
 * @param homeSilentAfter a home unit that has not synced this long raises 「居家呼叫器离线」
 *     ({@code home.silent-minutes})
 * @param minFreeDiskBytes below this much free space on the data directory's disk {@code /healthz}
 *     says {@code degraded} ({@code store.min-free-mb}); 0 never
 * @param family the family page and messages ({@code family.public-url}, {@code family.retention-days},
 *     {@code family.session-days}; docs/family.md)
 * @param publicUrl the staff page's address as people reach it ({@code hub.public-url}): the links in
 *     group robots' messages, and an origin that counts as the hub's own for
 *     {@link org.courtyard.hub.web.CrossSiteRequests} (behind a reverse proxy that rewrites
 *     {@code Host}); empty for none
 * @param survey the inclusion criteria a survey round opened without its own checks against
 *     ({@code survey.child-under-age}, {@code survey.elder-from-age}, {@code survey.five-guarantee-tag})
 * @param report the township's name and groups in reports ({@code report.township},
 *     {@code report.old-age}, {@code report.illness-tags})
 * @param care the township's care rules, published festival dates and digest time ({@code care.*})
 */
public record HubConfig(int port, String host, Path dataDir, Clock clock, Duration overdueAfter,
        Duration overdueCheckEvery, Duration longPollMax, Duration sessionLifetime, Duration kioskOnlineWindow,
        Duration keepAliveEvery, List<WebhookTarget> webhooks, int webhookMaxAttempts, Duration webhookRetryBase,
        ZoneId zone, Optional<String> adminPassword, AnnounceSettings announce, int checkInGraceDays,
        Duration checkInCheckEvery, boolean trustProxy, Limits limits, Optional<TlsSettings> tls,
        Optional<BackupSettings> backup, Duration kioskSilentAfter, Duration enrolmentCodeLifetime,
        Duration homeSilentAfter, long minFreeDiskBytes, FamilySettings family, Optional<URI> publicUrl,
        Criteria survey, ReportSettings report, CareSettings care) {

    /** The longest a sync may be held open; under Jetty's idle timeout and common proxies' 30 s. */
    public static final Duration LONG_POLL_LIMIT = Duration.ofSeconds(25);

    /** The most {@code checkin.grace-days} may be. */
    public static final int MAX_GRACE_DAYS = 60;

    public HubConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be from 0 to 65535, was " + port);
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("data directory is required");
        }
        positive(overdueAfter, "help.overdue-minutes");
        positive(overdueCheckEvery, "overdue check interval");
        if (longPollMax.isNegative() || longPollMax.compareTo(LONG_POLL_LIMIT) > 0) {
            throw new IllegalArgumentException("sync.long-poll-seconds must be from 0 to " + LONG_POLL_LIMIT.toSeconds());
        }
        positive(sessionLifetime, "session.hours");
        positive(kioskOnlineWindow, "kiosk.online-minutes");
        if (checkInGraceDays < 0 || checkInGraceDays > MAX_GRACE_DAYS) {
            throw new IllegalArgumentException("checkin.grace-days must be from 0 to " + MAX_GRACE_DAYS
                    + ", was " + checkInGraceDays);
        }
        positive(checkInCheckEvery, "check-in check interval");
        positive(keepAliveEvery, "stream keep-alive interval");
        positive(webhookRetryBase, "webhook.retry-seconds");
        webhooks = List.copyOf(webhooks);
        if (webhooks.stream().map(WebhookTarget::id).distinct().count() != webhooks.size()) {
            throw new IllegalArgumentException("two webhooks have the same number N (webhook.N.*)");
        }
        if (webhookMaxAttempts < 1) {
            throw new IllegalArgumentException("webhook.max-attempts must be at least 1");
        }
        adminPassword = adminPassword == null ? Optional.empty() : adminPassword;
        if (announce == null) {
            throw new IllegalArgumentException("announce settings are required");
        }
        if (limits == null) {
            throw new IllegalArgumentException("limits are required");
        }
        tls = tls == null ? Optional.empty() : tls;
        backup = backup == null ? Optional.empty() : backup;
        if (backup.isPresent() && backup.get().dir().toAbsolutePath().normalize()
                .startsWith(dataDir.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("backup.dir must not be inside the data directory " + dataDir
                    + ": a lost disk would take both");
        }
        // A held long-poll and a quiet event stream send nothing; the idle timeout must outlast both.
        Duration quietest = longPollMax.compareTo(keepAliveEvery) > 0 ? longPollMax : keepAliveEvery;
        if (limits.idleTimeout().compareTo(quietest.plusSeconds(5)) < 0) {
            throw new IllegalArgumentException("http.idle-timeout-seconds must be at least " + quietest.plusSeconds(5)
                    .toSeconds() + " (sync.long-poll-seconds + 5), was " + limits.idleTimeout().toSeconds());
        }
        positive(kioskSilentAfter, "kiosk.silent-minutes");
        positive(enrolmentCodeLifetime, "kiosk.enrolment-hours");
        positive(homeSilentAfter, "home.silent-minutes");
        if (care == null) {
            throw new IllegalArgumentException("care settings are required");
        }
        if (minFreeDiskBytes < 0) {
            throw new IllegalArgumentException("store.min-free-mb must not be negative");
        }
        family = family == null ? FamilySettings.defaults() : family;
        publicUrl = publicUrl == null ? Optional.empty() : publicUrl;
        publicUrl.ifPresent(HubConfig::checkPublicUrl);
        if (survey == null || report == null) {
            throw new IllegalArgumentException("survey criteria and report settings are required");
        }
    }

    /** An absolute http or https address without query or fragment: the links append {@code #section}. */
    private static void checkPublicUrl(URI url) {
        if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
                || url.getHost() == null || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("hub.public-url must be an absolute http or https address without"
                    + " query or '#', such as https://hub.example.gov.cn/, was '" + url + "'");
        }
    }

    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    public Builder toBuilder() {
        Builder builder = new Builder(dataDir);
        builder.port = port;
        builder.host = host;
        builder.clock = clock;
        builder.overdueAfter = overdueAfter;
        builder.overdueCheckEvery = overdueCheckEvery;
        builder.longPollMax = longPollMax;
        builder.sessionLifetime = sessionLifetime;
        builder.kioskOnlineWindow = kioskOnlineWindow;
        builder.keepAliveEvery = keepAliveEvery;
        builder.webhooks = new ArrayList<>(webhooks);
        builder.webhookMaxAttempts = webhookMaxAttempts;
        builder.webhookRetryBase = webhookRetryBase;
        builder.zone = zone;
        builder.adminPassword = adminPassword;
        builder.announce = announce;
        builder.trustProxy = trustProxy;
        builder.limits = limits;
        builder.tls = tls;
        builder.backup = backup;
        builder.checkInGraceDays = checkInGraceDays;
        builder.checkInCheckEvery = checkInCheckEvery;
        builder.kioskSilentAfter = kioskSilentAfter;
        builder.enrolmentCodeLifetime = enrolmentCodeLifetime;
        builder.homeSilentAfter = homeSilentAfter;
        builder.care = care;
        builder.minFreeDiskBytes = minFreeDiskBytes;
        builder.family = family;
        builder.publicUrl = publicUrl;
        builder.survey = survey;
        builder.report = report;
        return builder;
    }

    @Override
    public String toString() {
        return "HubConfig[port=" + port + ", dataDir=" + dataDir + ", webhooks=" + webhooks + ", tls=" + tls + "]";
    }

    private static void positive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /** Builds a {@link HubConfig}; every setter has a township default. */
    public static final class Builder {
        private static final Pattern WEBHOOK_KEY = Pattern.compile(
                "webhook\\.(\\d{1,9})\\.(url|format|events|name|secret|per-minute)");
        private static final Set<String> KEYS = Set.of("help.overdue-minutes", "sync.long-poll-seconds",
                "session.hours", "kiosk.online-minutes", "webhook.max-attempts", "webhook.retry-seconds",
                "hub.time-zone", "http.host", "announce.max-upload-mb", "announce.ffmpeg", "checkin.grace-days",
                "http.trust-proxy", "http.idle-timeout-seconds",
                "http.header-timeout-seconds", "http.body-timeout-seconds", "http.max-connections",
                "http.max-connections-per-address", "sync.threads",
                "sync.queue", "tls.keystore", "tls.keystore-password", "backup.dir", "backup.every-hours",
                "backup.keep", "kiosk.silent-minutes",
                "kiosk.enrolment-hours", "home.silent-minutes", "store.min-free-mb", "family.public-url",
                "family.retention-days", "family.session-days", "hub.public-url", "survey.child-under-age", "survey.elder-from-age",
                "survey.five-guarantee-tag", "report.township", "report.old-age", "report.illness-tags");
        private static final long MEGABYTE = 1024L * 1024;

        private final Path dataDir;
        private int port = 8080;
        private String host;
        private Clock clock = Clock.systemUTC();
        private Duration overdueAfter = Duration.ofMinutes(5);
        private Duration overdueCheckEvery = Duration.ofSeconds(30);
        private Duration longPollMax = LONG_POLL_LIMIT;
        private Duration sessionLifetime = Duration.ofHours(12);
        private Duration kioskOnlineWindow = Duration.ofMinutes(3);
        private Duration keepAliveEvery = Duration.ofSeconds(15);
        private List<WebhookTarget> webhooks = new ArrayList<>();
        private int webhookMaxAttempts = 8;
        private Duration webhookRetryBase = Duration.ofSeconds(10);
        private ZoneId zone = ZoneId.of("Asia/Shanghai");
        private Optional<String> adminPassword = Optional.empty();
        private AnnounceSettings announce;
        private boolean trustProxy;
        private Limits limits = Limits.defaults();
        private Optional<TlsSettings> tls = Optional.empty();
        private Path tlsKeystore;
        private String tlsPassword;
        private String tlsPasswordFromEnvironment;
        private Optional<BackupSettings> backup = Optional.empty();
        private Path backupDir;
        private Long backupEveryHours;
        private Integer backupKeep;
        private int checkInGraceDays = 2;
        private Duration checkInCheckEvery = Duration.ofMinutes(5);
        private Duration kioskSilentAfter = Duration.ofMinutes(15);
        private Duration enrolmentCodeLifetime = Duration.ofHours(24);
        private Duration homeSilentAfter = Duration.ofMinutes(30);
        private long minFreeDiskBytes = 256 * MEGABYTE;
        private FamilySettings family = FamilySettings.defaults();
        private Optional<URI> publicUrl = Optional.empty();
        private Criteria survey = Criteria.DEFAULTS;
        private ReportSettings report = ReportSettings.DEFAULTS;
        private CareSettings care = CareSettings.defaults();
        private final TreeMap<String, String> careKeys = new TreeMap<>();

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        /** 0 picks a free port; {@link Hub#port()} tells which. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder overdueAfter(Duration overdueAfter) {
            this.overdueAfter = overdueAfter;
            return this;
        }

        public Builder overdueCheckEvery(Duration every) {
            this.overdueCheckEvery = every;
            return this;
        }

        public Builder longPollMax(Duration longPollMax) {
            this.longPollMax = longPollMax;
            return this;
        }

        public Builder sessionLifetime(Duration sessionLifetime) {
            this.sessionLifetime = sessionLifetime;
            return this;
        }

        public Builder kioskOnlineWindow(Duration window) {
            this.kioskOnlineWindow = window;
            return this;
        }

        public Builder keepAliveEvery(Duration every) {
            this.keepAliveEvery = every;
            return this;
        }

        public Builder webhook(WebhookTarget target) {
            this.webhooks.add(target);
            return this;
        }

        public Builder webhookMaxAttempts(int attempts) {
            this.webhookMaxAttempts = attempts;
            return this;
        }

        public Builder webhookRetryBase(Duration base) {
            this.webhookRetryBase = base;
            return this;
        }

        public Builder zone(ZoneId zone) {
            this.zone = zone;
            return this;
        }

        /** Announcement settings; by default 20 MiB uploads and ffmpeg if it is on the {@code PATH}. */
        public Builder announce(AnnounceSettings announce) {
            this.announce = announce;
            return this;
        }

        /** Days a check-in may be late before an alert; {@code checkin.grace-days}, default 2. */
        public Builder checkInGraceDays(int days) {
            this.checkInGraceDays = days;
            return this;
        }

        public Builder checkInCheckEvery(Duration every) {
            this.checkInCheckEvery = every;
            return this;
        }

        /** Only behind a reverse proxy that sets {@code X-Forwarded-For}; see {@link org.courtyard.hub.web.TrustedProxy}. */
        public Builder trustProxy(boolean trust) {
            this.trustProxy = trust;
            return this;
        }

        /** Serve HTTPS with this keystore (overrides the {@code tls.*} keys). */
        public Builder tls(TlsSettings tls) {
            this.tls = Optional.of(tls);
            return this;
        }

        /**
         * The keystore password from env {@code COURTYARD_TLS_PASSWORD}; used when
         * {@code tls.keystore} is set and {@code tls.keystore-password} is not.
         */
        public Builder tlsPasswordFromEnvironment(String password) {
            this.tlsPasswordFromEnvironment = password == null || password.isEmpty() ? null : password;
            return this;
        }

        /** Scheduled backups (overrides the {@code backup.*} keys). */
        public Builder backup(BackupSettings backup) {
            this.backup = Optional.of(backup);
            return this;
        }

        public Builder limits(Limits limits) {
            this.limits = limits;
            return this;
        }

        public Builder kioskSilentAfter(Duration silentAfter) {
            this.kioskSilentAfter = silentAfter;
            return this;
        }

        /** A home unit not heard from this long raises 「居家呼叫器离线」 (overrides {@code home.silent-minutes}). */
        public Builder homeSilentAfter(Duration silentAfter) {
            this.homeSilentAfter = silentAfter;
            return this;
        }

        public Builder enrolmentCodeLifetime(Duration lifetime) {
            this.enrolmentCodeLifetime = lifetime;
            return this;
        }

        /** Free space below which {@code /healthz} says the disk is low; default 256 MiB, 0 never. */
        public Builder minFreeDisk(long bytes) {
            this.minFreeDiskBytes = bytes;
            return this;
        }

        /** The family page's settings (overrides the {@code family.*} keys). */
        public Builder family(FamilySettings family) {
            this.family = family;
            return this;
        }

        /** The staff page's address as people reach it ({@code hub.public-url}); see {@link HubConfig}. */
        public Builder publicUrl(URI url) {
            this.publicUrl = Optional.of(url);
            return this;
        }

        /** The survey's default inclusion criteria (overrides the {@code survey.*} keys). */
        public Builder survey(Criteria criteria) {
            this.survey = criteria;
            return this;
        }

        /** The reports' settings (overrides the {@code report.*} keys). */
        public Builder report(ReportSettings settings) {
            this.report = settings;
            return this;
        }

        /** The care rules, festival dates and digest time (overrides the {@code care.*} keys). */
        public Builder care(CareSettings care) {
            this.care = care;
            careKeys.clear();
            return this;
        }

        public Builder adminPassword(String password) {
            this.adminPassword = Optional.ofNullable(password).filter(p -> !p.isEmpty());
            return this;
        }

        /**
         * Applies a config file's keys (see docs/api.md). An unknown key or a bad value fails
         * with an {@link IllegalArgumentException} naming the key.
         */
        public Builder apply(Properties properties) {
            TreeMap<Integer, TreeMap<String, String>> hooks = new TreeMap<>();
            for (String key : new TreeSet<>(properties.stringPropertyNames())) {
                String value = properties.getProperty(key).trim();
                Matcher webhook = WEBHOOK_KEY.matcher(key);
                if (webhook.matches()) {
                    hooks.computeIfAbsent(Integer.parseInt(webhook.group(1)), n -> new TreeMap<>())
                            .put(webhook.group(2), value);
                    continue;
                }
                if (key.startsWith("care.")) {
                    careKeys.put(key, value);
                    continue;
                }
                if (!KEYS.contains(key)) {
                    throw new IllegalArgumentException("unknown config key '" + key + "' (known: " + new TreeSet<>(KEYS)
                            + ", webhook.N.url, webhook.N.format, webhook.N.events, webhook.N.name, webhook.N.secret,"
                            + " webhook.N.per-minute, " + CareSettings.KEYS + ")");
                }
                switch (key) {
                    case "help.overdue-minutes" -> overdueAfter = Duration.ofMinutes(number(key, value, 1, 24 * 60));
                    case "sync.long-poll-seconds" -> longPollMax = Duration.ofSeconds(
                            number(key, value, 0, LONG_POLL_LIMIT.toSeconds()));
                    case "session.hours" -> sessionLifetime = Duration.ofHours(number(key, value, 1, 24 * 30));
                    case "kiosk.online-minutes" -> kioskOnlineWindow = Duration.ofMinutes(number(key, value, 1, 24 * 60));
                    case "webhook.max-attempts" -> webhookMaxAttempts = (int) number(key, value, 1, 100);
                    case "webhook.retry-seconds" -> webhookRetryBase = Duration.ofSeconds(number(key, value, 1, 3600));
                    case "hub.time-zone" -> zone = zone(key, value);
                    case "http.host" -> host = value.isEmpty() ? null : value;
                    case "announce.max-upload-mb" -> announce = announce().withMaxUploadMegabytes(
                            number(key, value, 1, 1024));
                    case "announce.ffmpeg" -> announce = announce().withFfmpeg(ffmpeg(key, value));
                    case "http.trust-proxy" -> trustProxy = bool(key, value);
                    case "http.idle-timeout-seconds" -> limits = limits.withIdleTimeout(
                            Duration.ofSeconds(number(key, value, 10, 3600)));
                    case "http.header-timeout-seconds" -> limits = limits.withHeaderTimeout(
                            Duration.ofSeconds(number(key, value, 1, 300)));
                    case "http.body-timeout-seconds" -> limits = limits.withBodyTimeout(
                            Duration.ofSeconds(number(key, value, 1, 3600)));
                    case "http.max-connections" -> limits = limits.withMaxConnections((int) number(key, value, 10,
                            100_000));
                    case "http.max-connections-per-address" -> limits = limits.withMaxConnectionsPerAddress(
                            (int) number(key, value, 0, 100_000));
                    case "sync.threads" -> limits = limits.withSyncThreads((int) number(key, value, 1, 64));
                    case "sync.queue" -> limits = limits.withSyncQueue((int) number(key, value, 0, 100_000));
                    case "tls.keystore" -> tlsKeystore = readableFile(key, value);
                    case "tls.keystore-password" -> tlsPassword = value.isEmpty() ? null : value;
                    case "backup.dir" -> backupDir = value.isEmpty() ? null : Path.of(value);
                    case "backup.every-hours" -> backupEveryHours = number(key, value, 1, 24 * 7);
                    case "backup.keep" -> backupKeep = (int) number(key, value, 1, 1000);
                    case "checkin.grace-days" -> checkInGraceDays = (int) number(key, value, 0, MAX_GRACE_DAYS);
                    case "kiosk.silent-minutes" -> kioskSilentAfter = Duration.ofMinutes(number(key, value, 1, 24 * 60));
                    case "kiosk.enrolment-hours" -> enrolmentCodeLifetime = Duration.ofHours(number(key, value, 1, 24 * 7));
                    case "home.silent-minutes" -> homeSilentAfter = Duration.ofMinutes(number(key, value, 1, 24 * 60));
                    case "family.public-url" -> family = family.withPublicUrl(url(key, value));
                    case "family.retention-days" -> family = family.withRetention(
                            Duration.ofDays(number(key, value, 1, 3650)));
                    case "family.session-days" -> family = family.withSessionLifetime(
                            Duration.ofDays(number(key, value, 1, 365)));
                    case "hub.public-url" -> publicUrl = value.isEmpty() ? Optional.empty() : Optional.of(publicUrl(key,
                            value));
                    case "store.min-free-mb" -> minFreeDiskBytes = number(key, value, 0, 1024 * 1024) * MEGABYTE;
                    case "survey.child-under-age" -> survey = new Criteria((int) number(key, value, 1, 25),
                            survey.elderFrom(), survey.fiveGuaranteeTag());
                    case "survey.elder-from-age" -> survey = new Criteria(survey.childUnder(),
                            (int) number(key, value, 40, 100), survey.fiveGuaranteeTag());
                    case "survey.five-guarantee-tag" -> survey = new Criteria(survey.childUnder(), survey.elderFrom(),
                            text(key, value, 20));
                    case "report.township" -> report = new ReportSettings(text(key, value, 50), report.oldAge(),
                            report.illnessTags());
                    case "report.old-age" -> report = new ReportSettings(report.township(), (int) number(key, value, 60,
                            120), report.illnessTags());
                    case "report.illness-tags" -> report = new ReportSettings(report.township(), report.oldAge(),
                            List.of(value.split("\\s*[,，、]\\s*")));
                    default -> throw new IllegalStateException("config key '" + key + "' is known but not handled");
                }
            }
            hooks.forEach((n, fields) -> webhooks.add(webhook(n, fields)));
            if (!careKeys.isEmpty()) {
                care = CareSettings.fromProperties(careKeys);
            }
            return this;
        }

        /**
         * @throws IllegalArgumentException for an inconsistent setting, naming its key (for
         *     example {@code tls.keystore} without a password from the file or the environment)
         */
        public HubConfig build() {
            if (tlsKeystore != null) {
                tls = Optional.of(new TlsSettings(tlsKeystore, tlsPassword != null ? tlsPassword
                        : tlsPasswordFromEnvironment));
            } else if (tlsPassword != null) {
                throw new IllegalArgumentException("config key 'tls.keystore-password' is set but 'tls.keystore' is not");
            }
            if (backupDir != null) {
                backup = Optional.of(new BackupSettings(backupDir,
                        backupEveryHours == null ? BackupSettings.DEFAULT_EVERY : Duration.ofHours(backupEveryHours),
                        backupKeep == null ? BackupSettings.DEFAULT_KEEP : backupKeep));
            } else if (backupEveryHours != null || backupKeep != null) {
                throw new IllegalArgumentException("config key '" + (backupEveryHours != null ? "backup.every-hours"
                        : "backup.keep") + "' is set but 'backup.dir' is not");
            }
            return new HubConfig(port, host, dataDir, clock, overdueAfter, overdueCheckEvery, longPollMax,
                    sessionLifetime, kioskOnlineWindow, keepAliveEvery, webhooks, webhookMaxAttempts, webhookRetryBase,
                    zone, adminPassword, announce(), checkInGraceDays, checkInCheckEvery, trustProxy, limits, tls,
                    backup, kioskSilentAfter, enrolmentCodeLifetime, homeSilentAfter, minFreeDiskBytes, family,
                    publicUrl, survey, report, care);
        }

        /** The announcement settings given, else the defaults (which look for ffmpeg once). */
        private AnnounceSettings announce() {
            if (announce == null) {
                announce = AnnounceSettings.defaults();
            }
            return announce;
        }

        /** {@code none} switches conversion off; otherwise the path of an executable ffmpeg. */
        private static Optional<Path> ffmpeg(String key, String value) {
            if (value.equalsIgnoreCase("none")) {
                return Optional.empty();
            }
            Path path = Path.of(value);
            if (!java.nio.file.Files.isExecutable(path)) {
                throw new IllegalArgumentException("config key '" + key + "' names no executable file: '" + value + "'");
            }
            return Optional.of(path);
        }

        /** An http(s) address without a path, such as {@code https://family.example.cn}. */
        private static URI url(String key, String value) {
            try {
                URI uri = new URI(value);
                if (uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                        && (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))
                        && uri.getQuery() == null && uri.getFragment() == null) {
                    return uri;
                }
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("config key '" + key + "' is not an address: '" + value + "'", e);
            }
            throw new IllegalArgumentException("config key '" + key + "' must be an http(s) address without a path,"
                    + " such as https://family.example.cn, was '" + value + "'");
        }

        private static Path readableFile(String key, String value) {
            Path path = Path.of(value);
            if (!java.nio.file.Files.isRegularFile(path) || !java.nio.file.Files.isReadable(path)) {
                throw new IllegalArgumentException("config key '" + key + "' names no readable file: '" + value + "'");
            }
            return path;
        }

        private static WebhookTarget webhook(int n, TreeMap<String, String> fields) {
            String prefix = "webhook." + n + ".";
            String url = fields.get("url");
            if (url == null || url.isEmpty()) {
                throw new IllegalArgumentException("config key '" + prefix + "url' is missing");
            }
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("config key '" + prefix + "url' is not a URL", e);
            }
            WebhookFormat format;
            try {
                format = WebhookFormat.fromConfig(fields.getOrDefault("format", "json"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("config key '" + prefix + "format': " + e.getMessage(), e);
            }
            Set<WebhookEvent> events = EnumSet.noneOf(WebhookEvent.class);
            try {
                for (String word : fields.getOrDefault("events", WebhookEvent.DEFAULT_CONFIG).split(",")) {
                    if (!word.isBlank()) {
                        events.add(WebhookEvent.fromConfig(word));
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("config key '" + prefix + "events': " + e.getMessage(), e);
            }
            int perMinute = format.isRobot() ? WebhookTarget.ROBOT_PER_MINUTE : 0;
            if (fields.containsKey("per-minute")) {
                if (!format.isRobot()) {
                    throw new IllegalArgumentException("config key '" + prefix + "per-minute' is only for the group"
                            + " robots (format wecom or dingtalk); a json receiver gets every message at once");
                }
                perMinute = (int) number(prefix + "per-minute", fields.get("per-minute"), 1,
                        WebhookTarget.ROBOT_PER_MINUTE);
            }
            String secret = fields.get("secret");
            if (secret != null && format != WebhookFormat.DINGTALK) {
                throw new IllegalArgumentException("config key '" + prefix + "secret' is only for format dingtalk"
                        + " (the robot's 加签 secret)");
            }
            String name = fields.get("name");
            if (name != null && (name.isEmpty() || name.length() > 50)) {
                throw new IllegalArgumentException("config key '" + prefix + "name' must have 1 to 50 characters");
            }
            try {
                return new WebhookTarget(Integer.toString(n), name, uri, format, events, Optional.ofNullable(secret),
                        perMinute);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("config key '" + prefix + "*': " + e.getMessage(), e);
            }
        }

        private static URI publicUrl(String key, String value) {
            try {
                URI url = URI.create(value);
                checkPublicUrl(url);
                return url;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("config key '" + key + "': " + e.getMessage(), e);
            }
        }

        private static String text(String key, String value, int max) {
            if (value.isEmpty() || value.length() > max) {
                throw new IllegalArgumentException("config key '" + key + "' must be 1 to " + max + " characters, was '"
                        + value + "'");
            }
            return value;
        }

        private static long number(String key, String value, long min, long max) {
            try {
                long number = Long.parseLong(value);
                if (number >= min && number <= max) {
                    return number;
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("config key '" + key + "' must be a whole number, was '" + value + "'", e);
            }
            throw new IllegalArgumentException("config key '" + key + "' must be from " + min + " to " + max
                    + ", was " + value);
        }

        private static boolean bool(String key, String value) {
            return switch (value) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("config key '" + key + "' must be true or false, was '"
                        + value + "'");
            };
        }

        private static ZoneId zone(String key, String value) {
            try {
                return ZoneId.of(value);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("config key '" + key + "' is not a time zone: '" + value + "'", e);
            }
        }
    }
}
