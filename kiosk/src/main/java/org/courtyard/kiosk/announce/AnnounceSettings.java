package org.courtyard.kiosk.announce;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import org.courtyard.hardware.Route;
import org.courtyard.protocol.Announcement;
import org.courtyard.protocol.Priority;

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
 * @param scheduledPlays which announcements play at their scheduled times, and where: a courtyard
 *     kiosk's or a home unit's (the profile's)
 */
public record AnnounceSettings(QuietHours quietHours, ZoneId zone, boolean screenPlayOutdoor, Duration catchUp,
        Duration liveLimit, ScheduledPlays scheduledPlays) {

    /** Which announcements with audio play at their scheduled times, and where. */
    public enum ScheduledPlays {
        /** A courtyard kiosk: those meant for the loudspeaker ({@code outdoor}), over it. */
        OUTDOOR,
        /** A home unit: EMERGENCY ones only, on the unit's own speaker, whether or not meant for the loudspeaker. */
        HOME_EMERGENCY,
        /** A home unit that also plays NORMAL ones ({@code home.announce-normal=true}). */
        HOME_ALL;

        /** Whether {@code announcement} plays at its times here (its audio aside). */
        public boolean plays(Announcement announcement) {
            return switch (this) {
                case OUTDOOR -> announcement.outdoor();
                case HOME_EMERGENCY -> announcement.priority() == Priority.EMERGENCY;
                case HOME_ALL -> true;
            };
        }

        /** Where a scheduled play goes: the courtyard loudspeaker, or the home unit's own speaker. */
        public Route route() {
            return this == OUTDOOR ? Route.OUTDOOR : Route.INDOOR;
        }
    }

    public AnnounceSettings {
        Objects.requireNonNull(quietHours, "quietHours");
        Objects.requireNonNull(scheduledPlays, "scheduledPlays");
        Objects.requireNonNull(zone, "zone");
        if (catchUp == null || catchUp.isNegative() || catchUp.isZero()) {
            throw new IllegalArgumentException("announce.catch-up-hours must be positive");
        }
        if (liveLimit == null || liveLimit.isNegative() || liveLimit.isZero()) {
            throw new IllegalArgumentException("announce.live-max-seconds must be positive");
        }
    }

    /** A courtyard kiosk's: scheduled plays of outdoor announcements over the loudspeaker. */
    public AnnounceSettings(QuietHours quietHours, ZoneId zone, boolean screenPlayOutdoor, Duration catchUp,
            Duration liveLimit) {
        this(quietHours, zone, screenPlayOutdoor, catchUp, liveLimit, ScheduledPlays.OUTDOOR);
    }

    /**
     * Quiet 21:30-07:00 China time, screen plays indoors, 12 h catch-up, live broadcasts up to 5
     * minutes, a courtyard kiosk's scheduled plays.
     */
    public static AnnounceSettings defaults() {
        return new AnnounceSettings(QuietHours.DEFAULT, ZoneId.of("Asia/Shanghai"), false, Duration.ofHours(12),
                Duration.ofMinutes(5), ScheduledPlays.OUTDOOR);
    }
}
