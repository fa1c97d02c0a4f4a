package org.courtyard.kiosk.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VoiceSettingsTest {

    @Test
    void the_defaults_are_push_to_talk_only_with_memos_after_help() {
        VoiceSettings settings = VoiceSettings.from(Map.of());

        assertThat(settings.alwaysOn()).isFalse();
        assertThat(settings.distressPhrases()).containsExactly("救命", "来人啊");
        assertThat(settings.minConfidence()).isEqualTo(0.6);
        assertThat(settings.endSilence()).isEqualTo(Duration.ofMillis(1_200));
        assertThat(settings.maxListen()).isEqualTo(Duration.ofSeconds(8));
        assertThat(settings.memoAfterHelp()).isTrue();
        assertThat(settings.memoMax()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.keepAudio()).isFalse();
    }

    @Test
    void keys_are_read_and_bad_values_name_their_key() {
        VoiceSettings settings = VoiceSettings.from(Map.of("voice.always-on", "true", "voice.always-on.phrases",
                "救命，来人啊,救救我", "voice.min-confidence", "0.75", "voice.end-silence-ms", "900"));

        assertThat(settings.alwaysOn()).isTrue();
        assertThat(settings.distressPhrases()).containsExactly("救命", "来人啊", "救救我");
        assertThat(settings.minConfidence()).isEqualTo(0.75);
        assertThat(settings.endSilence()).isEqualTo(Duration.ofMillis(900));
        assertThatThrownBy(() -> VoiceSettings.from(Map.of("voice.min-confidence", "high")))
                .hasMessageContaining("voice.min-confidence");
        assertThatThrownBy(() -> VoiceSettings.from(Map.of("voice.min-confidence", "1.5")))
                .hasMessageContaining("voice.min-confidence");
        assertThatThrownBy(() -> VoiceSettings.from(Map.of("voice.always-on", "maybe")))
                .hasMessageContaining("voice.always-on");
        assertThatThrownBy(() -> VoiceSettings.from(Map.of("voice.end-silence-ms", "9000")))
                .hasMessageContaining("voice.end-silence-ms");
        assertThatThrownBy(() -> VoiceSettings.from(Map.of("voice.memo.max-seconds", "600")))
                .hasMessageContaining("voice.memo.max-seconds");
    }
}
