package org.courtyard.kiosk.announce;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How a kiosk schedules and plays announcements; {@link #defaults()} are the documented defaults.
 *
 * @param quietHours when NORMAL announcements are held back from the outdoor loudspeaker
 *     ({@code announce.quiet-hours})
 * @param zone the kiosk's time zone, for daily repeat times and quiet hours ({@code kiosk.time-zone})
 * @param screenPlayOutdoor whether the screen's play button (and 听通知) uses the outdoor loudspeaker
 *     instead of the kiosk's own speaker ({@code announce.screen-play-outdoor})
 * @param catchUp how late a scheduled play may still start, for example after a power cut, when
 *     neither the next play nor the end comes sooner ({@code announce.catch-up-hours})
 * @param liveLimit the longest live broadcast; it ends by itself then, in case the talk button
 *     was never let go ({@code announce.live-max-seconds})
 */
public record AnnounceSettings(QuietHours quietHours, ZoneId zone, boolean screenPlayOutdoor, Duration catchUp,
        Duration liveLimit) {

    public AnnounceSettings {
        Objects.requireNonNull(quietHours, "quietHours");
        Objects.requireNonNull(zone, "zone");
        if (catchUp == null || catchUp.isNegative() || catchUp.isZero()) {
            throw new IllegalArgumentException("announce.catch-up-hours must be positive");
        }
        if (liveLimit == null || liveLimit.isNegative() || liveLimit.isZero()) {
            throw new IllegalArgumentException("announce.live-max-seconds must be positive");
        }
    }

    /** Quiet 21:30-07:00 China time, screen plays indoors, 12 h catch-up, live broadcasts up to 5 minutes. */
    public static AnnounceSettings defaults() {
        return new AnnounceSettings(QuietHours.DEFAULT, ZoneId.of("Asia/Shanghai"), false, Duration.ofHours(12),
                Duration.ofMinutes(5));
    }
}
