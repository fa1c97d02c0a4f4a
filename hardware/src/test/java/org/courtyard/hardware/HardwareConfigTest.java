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

    @Test
    void a_home_unit_adds_the_green_button_and_its_lamp_and_a_courtyard_kiosk_has_neither() {
        HardwareConfig home = HardwareConfig.homeDefaults(Mode.PI);

        assertThat(home.checkInButtonPin()).isEqualTo(5);
        assertThat(home.lampPins()).containsEntry(LampRole.CHECKIN, 6).containsEntry(LampRole.LINK, 22);
        assertThat(home.buttonPin()).isEqualTo(27);
        assertThat(HardwareConfig.defaults(Mode.PI).checkInButtonPin()).isNull();
        assertThat(HardwareConfig.defaults(Mode.PI).lampPins()).doesNotContainKey(LampRole.CHECKIN);
        assertThatThrownBy(() -> home.withCheckInButton(27))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkInButtonPin uses BCM 27, which buttonPin already uses");
        assertThatThrownBy(() -> home.withCheckInButton(40))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("checkInButtonPin");
    }
}
