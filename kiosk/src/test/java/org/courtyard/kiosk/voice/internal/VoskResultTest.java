package org.courtyard.kiosk.voice.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.courtyard.kiosk.voice.Hypothesis;
import org.junit.jupiter.api.Test;

/** How Vosk's JSON answers become hypotheses. */
class VoskResultTest {

    @Test
    void a_result_gives_the_mean_word_confidence() {
        assertThat(VoskEngine.parseResult("{\"result\":[{\"conf\":1.0,\"end\":0.9,\"start\":0.3,\"word\":\"我\"},"
                + "{\"conf\":0.6,\"end\":1.5,\"start\":0.9,\"word\":\"不舒服\"}],\"text\":\"我 不舒服\"}"))
                .isEqualTo(new Hypothesis("我 不舒服", 0.8));
        assertThat(VoskEngine.parseResult("{\"text\":\"\"}")).isEqualTo(Hypothesis.NOTHING);
        assertThat(VoskEngine.parsePartial("{\"partial\":\"报 平安\"}")).isEqualTo("报 平安");
    }

    @Test
    void utterances_cut_by_end_pointing_are_joined() {
        assertThat(VoskEngine.join(List.of(new Hypothesis("叫", 0.9), Hypothesis.NOTHING, new Hypothesis("医生", 0.7))))
                .satisfies(joined -> {
                    assertThat(joined.text()).isEqualTo("叫 医生");
                    assertThat(joined.confidence()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
                });
        assertThat(VoskEngine.join(List.of(Hypothesis.NOTHING))).isEqualTo(Hypothesis.NOTHING);
    }
}
