package org.courtyard.hardware.internal;

import java.util.Objects;
import javax.sound.sampled.AudioInputStream;

/** No usable input: the microphone says so instead of capturing. */
public final class NoAudioInput implements AudioInput {

    private final String reason;

    public NoAudioInput(String reason) {
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    @Override
    public boolean present() {
        return false;
    }

    @Override
    public String description() {
        return reason;
    }

    @Override
    public AudioInputStream open() throws AudioDeviceException {
        throw new AudioDeviceException(reason);
    }
}
