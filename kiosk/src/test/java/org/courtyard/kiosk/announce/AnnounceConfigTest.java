package org.courtyard.kiosk.announce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.courtyard.kiosk.KioskConfig;
import org.courtyard.kiosk.TestKiosks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kiosk's announcement keys in its config file. */
class AnnounceConfigTest {

    @TempDir
    Path dir;

    @Test
    void the_defaults_are_quiet_from_21_30_to_07_00_china_time_and_screen_plays_indoors() throws Exception {
        AnnounceSettings settings = TestKiosks.config(dir, "http://127.0.0.1:9").announce();

        assertThat(settings.quietHours()).isEqualTo(new QuietHours(LocalTime.of(21, 30), LocalTime.of(7, 0)));
        assertThat(settings.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(settings.screenPlayOutdoor()).isFalse();
        assertThat(settings.catchUp()).isEqualTo(Duration.ofHours(12));
        assertThat(settings.liveLimit()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void every_key_can_be_set() throws Exception {
        KioskConfig config = TestKiosks.config(dir, "http://127.0.0.1:9", "announce.quiet-hours=22:00-06:30",
                "kiosk.time-zone=Asia/Urumqi", "announce.screen-play-outdoor=true", "announce.catch-up-hours=3",
                "announce.live-max-seconds=120");

        assertThat(config.announce()).isEqualTo(new AnnounceSettings(
                new QuietHours(LocalTime.of(22, 0), LocalTime.of(6, 30)), ZoneId.of("Asia/Urumqi"), true,
                Duration.ofHours(3), Duration.ofSeconds(120)));
    }

    @Test
    void bad_values_are_refused_naming_the_key() {
        assertThatThrownBy(() -> TestKiosks.config(dir, "http://127.0.0.1:9", "announce.quiet-hours=night"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("announce.quiet-hours");
        assertThatThrownBy(() -> TestKiosks.config(dir, "http://127.0.0.1:9", "kiosk.time-zone=Mars/Olympus"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kiosk.time-zone");
        assertThatThrownBy(() -> TestKiosks.config(dir, "http://127.0.0.1:9", "announce.catch-up-hours=0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("announce.catch-up-hours");
    }
}
