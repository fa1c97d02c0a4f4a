package org.courtyard.hub.notify;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * One configured receiver, {@code webhook.N.*}. Its URL may carry a secret (a WeCom robot's key, a
 * DingTalk robot's access token) and a DingTalk robot has a signing secret: the hub logs and shows
 * only {@link #host()}, {@link #id()} and {@link #name()}.
 *
 * @param id the N of {@code webhook.N}; queued messages are addressed to it, so a new key for the
 *     same N reaches the messages already queued
 * @param name what staff call it (镇值班群); null for none, then {@link #shownName()} says {@code webhook N}
 * @param secret a DingTalk robot's signing secret ({@code SEC…}); only for {@link WebhookFormat#DINGTALK}
 * @param perMinute messages a group robot may be sent in any minute (WeCom and DingTalk allow 20);
 *     0 for a JSON receiver, which has no budget
 */
public record WebhookTarget(String id, String name, URI url, WebhookFormat format, Set<WebhookEvent> events,
        Optional<String> secret, int perMinute) {

    /** What WeCom and DingTalk allow a robot in a minute, and the default budget. */
    public static final int ROBOT_PER_MINUTE = 20;

    public WebhookTarget {
        if (id == null || !id.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("webhook id must be the N of webhook.N, was '" + id + "'");
        }
        if (name != null && (name.isBlank() || name.strip().length() > 50)) {
            throw new IllegalArgumentException("webhook name must have 1 to 50 characters");
        }
        name = name == null ? null : name.strip();
        if (url == null || url.getScheme() == null
                || !(url.getScheme().equals("http") || url.getScheme().equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("webhook url must be an absolute http or https URL");
        }
        if (format == null) {
            throw new IllegalArgumentException("webhook format is required");
        }
        events = Set.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("webhook events must name at least one of "
                    + WebhookEvent.DEFAULT_CONFIG.replace(",", ", "));
        }
        secret = secret == null ? Optional.empty() : secret.filter(value -> !value.isBlank()).map(String::strip);
        if (secret.isPresent() && format != WebhookFormat.DINGTALK) {
            throw new IllegalArgumentException("webhook secret is only for format dingtalk (a DingTalk robot's 加签"
                    + " secret), not for " + format.configName());
        }
        if (format.isRobot() && (perMinute < 1 || perMinute > ROBOT_PER_MINUTE)) {
            throw new IllegalArgumentException("webhook per-minute must be from 1 to " + ROBOT_PER_MINUTE
                    + " (what WeCom and DingTalk allow a robot), was " + perMinute);
        }
        if (!format.isRobot() && perMinute != 0) {
            throw new IllegalArgumentException("webhook per-minute is only for the group robots (wecom, dingtalk);"
                    + " a json receiver gets every message at once");
        }
    }

    /** A receiver with the defaults: no name, no secret, the robots' budget of 20 a minute. */
    public static WebhookTarget of(String id, URI url, WebhookFormat format, Set<WebhookEvent> events) {
        return new WebhookTarget(id, null, url, format, events, Optional.empty(),
                format.isRobot() ? ROBOT_PER_MINUTE : 0);
    }

    public WebhookTarget withSecret(String secret) {
        return new WebhookTarget(id, name, url, format, events, Optional.of(secret), perMinute);
    }

    public WebhookTarget withName(String name) {
        return new WebhookTarget(id, name, url, format, events, secret, perMinute);
    }

    public WebhookTarget withPerMinute(int perMinute) {
        return new WebhookTarget(id, name, url, format, events, secret, perMinute);
    }

    /** The host the messages go to; safe to show and log. */
    public String host() {
        return url.getHost();
    }

    /** Its name, or {@code webhook N}. */
    public String shownName() {
        return name != null ? name : "webhook " + id;
    }

    /** The URL without its query (where robots keep their key) and fragment: safe to store and show. */
    public String redactedUrl() {
        return url.getScheme() + "://" + url.getRawAuthority() + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    /**
     * SHA-256 of the format, URL and secret: a receiver whose key or secret changed is a new
     * receiver (its failures are forgotten), without the hub storing the key.
     */
    public String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((format.name() + "\n" + url + "\n" + secret.orElse("")).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Names the receiver without its key or secret. */
    @Override
    public String toString() {
        return "WebhookTarget[id=" + id + ", host=" + url.getHost() + ", format=" + format + ", events=" + events
                + ", secret=" + (secret.isPresent() ? "****" : "none") + ", perMinute=" + perMinute + "]";
    }
}
