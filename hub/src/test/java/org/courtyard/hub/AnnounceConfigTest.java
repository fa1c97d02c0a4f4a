package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config keys of announcements: announce.max-upload-mb and announce.ffmpeg. */
class AnnounceConfigTest {

    @TempDir
    Path dir;

    private HubConfig apply(String... keyValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return HubConfig.builder(dir).apply(properties).build();
    }

    @Test
    void the_upload_limit_is_20_mib_unless_configured() {
        assertThat(apply().announce().maxUploadBytes()).isEqualTo(20L * 1024 * 1024);
        assertThat(apply("announce.max-upload-mb", "5").announce().maxUploadBytes()).isEqualTo(5L * 1024 * 1024);
    }

    @Test
    void ffmpeg_can_be_switched_off_and_a_missing_one_is_named() {
        assertThat(apply("announce.ffmpeg", "none").announce().ffmpeg()).isEmpty();
        assertThatThrownBy(() -> apply("announce.ffmpeg", dir.resolve("no-ffmpeg").toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("announce.ffmpeg");
    }

    @Test
    void a_bad_upload_limit_is_refused_naming_the_key() {
        assertThatThrownBy(() -> apply("announce.max-upload-mb", "0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("announce.max-upload-mb");
        assertThatThrownBy(() -> apply("announce.max-upload-mb", "lots"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("announce.max-upload-mb");
    }
}
