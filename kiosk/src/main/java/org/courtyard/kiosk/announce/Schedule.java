package org.courtyard.kiosk.announce;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import org.courtyard.protocol.Announcement;

/**
 * When an announcement is to be broadcast. Its <em>occurrences</em> are {@code startsAt} and, on
 * every day, each of its {@code repeatDaily} local times after {@code startsAt}; none at or after
 * {@code endsAt}. Each occurrence has a <em>window</em> in which it may still start: until the next
 * occurrence, the end, or {@code catchUp} after it, whichever comes first. A kiosk that was off (or
 * had no audio yet, or was in quiet hours) plays an occurrence late while its window is open, and
 * only the latest one: three missed days of a daily notice give one play, not three.
 */
public final class Schedule {

    private final ZoneId zone;
    private final Duration catchUp;

    public Schedule(ZoneId zone, Duration catchUp) {
        this.zone = zone;
        this.catchUp = catchUp;
    }

    /** The occurrence that is due at {@code now}: the latest one not after now, if its window is open. */
    public Optional<Instant> due(Announcement announcement, Instant now) {
        Optional<Instant> latest = latest(announcement, now);
        if (latest.isEmpty() || !now.isBefore(windowEnd(announcement, latest.get()))) {
            return Optional.empty();
        }
        return latest;
    }

    /** The latest occurrence at or before {@code now}; empty before the start and from the end on. */
    public Optional<Instant> latest(Announcement announcement, Instant now) {
        if (now.isBefore(announcement.startsAt()) || ended(announcement, now)) {
            return Optional.empty();
        }
        Instant latest = announcement.startsAt();
        LocalDate today = now.atZone(zone).toLocalDate();
        for (LocalDate day : new LocalDate[] {today.minusDays(1), today}) {
            for (LocalTime time : announcement.repeatDaily()) {
                Instant at = day.atTime(time).atZone(zone).toInstant();
                if (!at.isAfter(now) && at.isAfter(latest)) {
                    latest = at;
                }
            }
        }
        return Optional.of(latest);
    }

    /** The first occurrence after {@code after}, if there is one before the end. */
    public Optional<Instant> next(Announcement announcement, Instant after) {
        if (after.isBefore(announcement.startsAt())) {
            return Optional.of(announcement.startsAt()).filter(at -> !ended(announcement, at));
        }
        Instant next = null;
        LocalDate day = after.atZone(zone).toLocalDate();
        for (LocalDate candidate : new LocalDate[] {day, day.plusDays(1)}) {
            for (LocalTime time : announcement.repeatDaily()) {
                Instant at = candidate.atTime(time).atZone(zone).toInstant();
                if (at.isAfter(after) && at.isAfter(announcement.startsAt()) && (next == null || at.isBefore(next))) {
                    next = at;
                }
            }
        }
        return Optional.ofNullable(next).filter(at -> !ended(announcement, at));
    }

    /** Until when {@code occurrence} may still start. */
    public Instant windowEnd(Announcement announcement, Instant occurrence) {
        Instant end = occurrence.plus(catchUp);
        Optional<Instant> next = next(announcement, occurrence);
        if (next.isPresent() && next.get().isBefore(end)) {
            end = next.get();
        }
        if (announcement.endsAt() != null && announcement.endsAt().isBefore(end)) {
            end = announcement.endsAt();
        }
        return end;
    }

    /** Whether it is over at {@code at}: withdrawal aside, from {@code endsAt} on. */
    public static boolean ended(Announcement announcement, Instant at) {
        return announcement.endsAt() != null && !at.isBefore(announcement.endsAt());
    }

    /** Whether the screen shows it at {@code now}: started, not ended, not withdrawn. */
    public static boolean current(Announcement announcement, Instant now) {
        return !announcement.withdrawn() && !now.isBefore(announcement.startsAt()) && !ended(announcement, now);
    }
}
