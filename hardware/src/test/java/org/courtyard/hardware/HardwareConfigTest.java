package org.courtyard.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.courtyard.hardware.HardwareConfig.Mode;
import org.junit.jupiter.api.Test;

class HardwareConfigTest {

    @Test
    void the_defaults_are_valid_and_documented() {
        HardwareConfig config = HardwareConfig.defaults(Mode.PI);

        assertThat(config.relayPin()).isEqualTo(17);
        assertThat(config.buttonPin()).isEqualTo(27);
        assertThat(config.lampPins()).containsOnly(Map.entry(LampRole.LINK, 22), Map.entry(LampRole.SENDING, 23),
                Map.entry(LampRole.ACKNOWLEDGED, 24));
    }

    @Test
    void a_volume_that_is_not_a_number_is_rejected() {
        HardwareConfig config = HardwareConfig.defaults(Mode.SIM);

        assertThatThrownBy(() -> config.withVolume(Double.NaN, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("volume must be");
        assertThatThrownBy(() -> config.withVolume(0.5, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("volumeCap");
    }

    @Test
    void two_devices_on_one_pin_are_rejected_naming_both() {
        HardwareConfig config = HardwareConfig.defaults(Mode.SIM);

        assertThatThrownBy(() -> config.withRelay(22, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lampPins.link uses BCM 22, which relayPin already uses");
        assertThatThrownBy(() -> config.withLamps(Map.of(LampRole.LINK, 5, LampRole.SENDING, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BCM 5");
    }
}
