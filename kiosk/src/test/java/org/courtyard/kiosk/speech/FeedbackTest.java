package org.courtyard.kiosk.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.courtyard.hardware.HardwareConfig;
import org.courtyard.hardware.testing.TestHardware;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The kiosk's spoken prompts and alarms on the real loudspeaker, with a sound card the test can hold. */
class FeedbackTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private TestHardware hardware;
    private Feedback feedback;
    private final List<String> starts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        hardware = TestHardware.create(HardwareConfig.defaults(HardwareConfig.Mode.SIM)
                .withTiming(Duration.ZERO, Duration.ZERO));
        hardware.hardware().addActionListener(action -> {
            if (action.line().startsWith("audio start ")) {
                starts.add(action.line().substring("audio start ".length()).split(" ")[0]);
            }
        });
        feedback = new Feedback(hardware.hardware().loudspeaker(), new Prompts(null));
    }

    @AfterEach
    void stop() {
        hardware.speaker().release();
        feedback.close();
        hardware.hardware().close();
    }

    @Test
    void a_new_prompt_drops_prompts_still_waiting_but_never_the_courtyard_alarm() {
        hardware.speaker().hold();
        feedback.say("help.prompt");
        await().atMost(WAIT).until(() -> hardware.speaker().blockedWrites() > 0);

        // The help flow: a queued prompt, then the alarm, then the prompt that replaces the first.
        feedback.say("home.prompt");
        feedback.alertCourtyard();
        feedback.say("help.saved");
        hardware.speaker().release();
        await().atMost(WAIT).until(() -> !feedback.busy());
        // Quiet once the last play returned; its lines reach listeners on the hardware's own thread.
        hardware.awaitActionsDelivered();

        assertThat(starts).containsExactly("prompt-help.prompt", "alarm", "prompt-help.saved");
    }
}
