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
import org.courtyard.hub.notify.WebhookEvent;
import org.courtyard.hub.notify.WebhookFormat;
import org.courtyard.hub.notify.WebhookTarget;

/**
 * Everything a {@link Hub} is built from. Make one with {@link #builder(Path)}; the defaults suit a
 * township. Tests pass port 0 and their own {@link Clock}.
 *
 * @param host the address to listen on; null for every interface (kiosks reach the hub over the LAN)
 * @param adminPassword the first admin's password; empty to generate one
 * @param kioskSilentAfter a kiosk that has not synced this long raises the silent-kiosk alert
 * @param enrolmentCodeLifetime how long a kiosk's enrolment code works
 */
public record HubConfig(int port, String host, Path dataDir, Clock clock, Duration overdueAfter,
        Duration overdueCheckEvery, Duration longPollMax, Duration sessionLifetime, Duration kioskOnlineWindow,
        Duration keepAliveEvery, List<WebhookTarget> webhooks, int webhookMaxAttempts, Duration webhookRetryBase,
        ZoneId zone, Optional<String> adminPassword, Duration kioskSilentAfter, Duration enrolmentCodeLifetime) {

    /** The longest a sync may be held open; under Jetty's idle timeout and common proxies' 30 s. */
    public static final Duration LONG_POLL_LIMIT = Duration.ofSeconds(25);

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
        positive(keepAliveEvery, "stream keep-alive interval");
        positive(webhookRetryBase, "webhook.retry-seconds");
        webhooks = List.copyOf(webhooks);
        if (webhookMaxAttempts < 1) {
            throw new IllegalArgumentException("webhook.max-attempts must be at least 1");
        }
        adminPassword = adminPassword == null ? Optional.empty() : adminPassword;
        positive(kioskSilentAfter, "kiosk.silent-minutes");
        positive(enrolmentCodeLifetime, "kiosk.enrolment-hours");
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
        builder.kioskSilentAfter = kioskSilentAfter;
        builder.enrolmentCodeLifetime = enrolmentCodeLifetime;
        return builder;
    }

    @Override
    public String toString() {
        return "HubConfig[port=" + port + ", dataDir=" + dataDir + ", webhooks=" + webhooks + "]";
    }

    private static void positive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /** Builds a {@link HubConfig}; every setter has a township default. */
    public static final class Builder {
        private static final Pattern WEBHOOK_KEY = Pattern.compile("webhook\\.(\\d+)\\.(url|format|events)");
        private static final Set<String> KEYS = Set.of("help.overdue-minutes", "sync.long-poll-seconds",
                "session.hours", "kiosk.online-minutes", "webhook.max-attempts", "webhook.retry-seconds",
                "hub.time-zone", "http.host", "kiosk.silent-minutes", "kiosk.enrolment-hours");

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
        private Duration kioskSilentAfter = Duration.ofMinutes(15);
        private Duration enrolmentCodeLifetime = Duration.ofHours(24);

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

        public Builder kioskSilentAfter(Duration silentAfter) {
            this.kioskSilentAfter = silentAfter;
            return this;
        }

        public Builder enrolmentCodeLifetime(Duration lifetime) {
            this.enrolmentCodeLifetime = lifetime;
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
                if (!KEYS.contains(key)) {
                    throw new IllegalArgumentException("unknown config key '" + key + "' (known: " + new TreeSet<>(KEYS)
                            + ", webhook.N.url, webhook.N.format, webhook.N.events)");
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
                    case "kiosk.silent-minutes" -> kioskSilentAfter = Duration.ofMinutes(number(key, value, 1, 24 * 60));
                    case "kiosk.enrolment-hours" -> enrolmentCodeLifetime = Duration.ofHours(number(key, value, 1, 24 * 7));
                    default -> throw new IllegalStateException("config key '" + key + "' is known but not handled");
                }
            }
            hooks.forEach((n, fields) -> webhooks.add(webhook(n, fields)));
            return this;
        }

        public HubConfig build() {
            return new HubConfig(port, host, dataDir, clock, overdueAfter, overdueCheckEvery, longPollMax,
                    sessionLifetime, kioskOnlineWindow, keepAliveEvery, webhooks, webhookMaxAttempts, webhookRetryBase,
                    zone, adminPassword, kioskSilentAfter, enrolmentCodeLifetime);
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
                return new WebhookTarget(uri, format, events);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("config key '" + prefix + "*': " + e.getMessage(), e);
            }
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

        private static ZoneId zone(String key, String value) {
            try {
                return ZoneId.of(value);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("config key '" + key + "' is not a time zone: '" + value + "'", e);
            }
        }
    }
}
