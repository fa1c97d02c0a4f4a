package org.courtyard.kiosk.announce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.courtyard.kiosk.announce.AnnounceSettings.ScheduledPlays;
import org.courtyard.protocol.Priority;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A home unit's announcements: EMERGENCY ones play on the unit's own speaker with the chime, the
 * relay untouched, screen-only or not; NORMAL ones only when the unit is configured to, and then
 * outside quiet hours as anywhere.
 */
class HomeAnnouncementsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Station station;

    @AfterEach
    void close() {
        if (station != null) {
            station.close();
        }
    }

    private Station station(ScheduledPlays plays) {
        AnnounceSettings defaults = AnnounceSettings.defaults();
        station = new Station(dir, Station.MORNING, new AnnounceSettings(defaults.quietHours(), defaults.zone(),
                false, defaults.catchUp(), defaults.liveLimit(), plays));
        return station;
    }

    @Test
    void an_emergency_plays_on_the_units_speaker_with_the_chime_and_a_normal_one_not_at_all() {
        Station s = station(ScheduledPlays.HOME_EMERGENCY);

        s.receive(Station.normal("routine", Station.MORNING, s.audio(200)),
                Station.announcement("flood", Priority.EMERGENCY, false, Station.MORNING, null, List.of(),
                        s.audio(300), false, 1));

        await().atMost(WAIT).untilAsserted(() -> assertThat(s.outcomes()).containsExactly("flood PLAYED"));
        await().atMost(WAIT).until(() -> s.actions.contains("audio end announcement-flood PLAYED"));
        assertThat(s.actions).containsExactly("audio start chime+announcement-flood (1900 ms)",
                "audio end announcement-flood PLAYED");
        s.moveTo(Station.MORNING.plusSeconds(120));
        assertThat(s.outcomes()).as("the routine one never plays here").containsExactly("flood PLAYED");
        assertThat(s.relayOn()).isFalse();
    }

    @Test
    void a_unit_configured_for_normal_announcements_plays_them_too_but_not_in_quiet_hours() {
        Station s = station(ScheduledPlays.HOME_ALL);
        Instant night = Station.at(Station.MORNING, 22, 0);

        s.receive(Station.normal("routine", Station.MORNING, s.audio(200)),
                Station.announcement("late", Priority.NORMAL, true, night, Station.at(Station.MORNING, 23, 0),
                        List.of(), s.audio(200), false, 1));

        await().atMost(WAIT).untilAsserted(() -> assertThat(s.outcomes()).containsExactly("routine PLAYED"));
        s.moveTo(night);
        s.moveTo(night.plusSeconds(60));
        assertThat(s.outcomes()).containsExactly("routine PLAYED");
        s.hardware.awaitActionsDelivered();
        assertThat(s.actions).noneMatch(line -> line.startsWith("relay"));
    }
}
