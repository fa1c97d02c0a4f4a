package org.courtyard.hub.family;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the family feature (docs/family.md).
 *
 * @param publicUrl the address families reach the hub at through the reverse proxy
 *     ({@code family.public-url}, such as {@code https://family.example.cn}); the invitation links
 *     begin with it. Empty: the address the staff member's own request came to
 * @param retention how long a message and its audio are kept ({@code family.retention-days}, 90)
 * @param sessionLifetime how long a phone stays signed in without being used
 *     ({@code family.session-days}, 30); the PIN signs it in again
 * @param invitationLifetime how long an invitation works (14 days)
 * @param maxMessage the longest voice message accepted (3 minutes); a reply at the kiosk records
 *     at most 60 s
 */
public record FamilySettings(Optional<URI> publicUrl, Duration retention, Duration sessionLifetime,
        Duration invitationLifetime, Duration maxMessage) {

    public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);
    public static final Duration DEFAULT_SESSION = Duration.ofDays(30);
    public static final Duration INVITATION = Duration.ofDays(14);
    public static final Duration MAX_MESSAGE = Duration.ofMinutes(3);
    /** A device stays known this long after its last sign-in. */
    public static final Duration DEVICE = Duration.ofDays(365);

    public FamilySettings {
        publicUrl = publicUrl == null ? Optional.empty() : publicUrl;
        positive(retention, "family.retention-days");
        positive(sessionLifetime, "family.session-days");
        positive(invitationLifetime, "invitation lifetime");
        positive(maxMessage, "longest message");
        publicUrl.ifPresent(url -> {
            if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme()) || url.getHost() == null) {
                throw new IllegalArgumentException("family.public-url must be an http(s) address such as"
                        + " https://family.example.cn, was '" + url + "'");
            }
        });
    }

    public static FamilySettings defaults() {
        return new FamilySettings(Optional.empty(), DEFAULT_RETENTION, DEFAULT_SESSION, INVITATION, MAX_MESSAGE);
    }

    public FamilySettings withPublicUrl(URI url) {
        return new FamilySettings(Optional.of(url), retention, sessionLifetime, invitationLifetime, maxMessage);
    }

    public FamilySettings withRetention(Duration days) {
        return new FamilySettings(publicUrl, days, sessionLifetime, invitationLifetime, maxMessage);
    }

    public FamilySettings withSessionLifetime(Duration days) {
        return new FamilySettings(publicUrl, retention, days, invitationLifetime, maxMessage);
    }

    private static void positive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
