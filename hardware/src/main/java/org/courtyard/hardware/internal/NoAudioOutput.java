package org.courtyard.hardware.internal;

import java.util.Objects;
import javax.sound.sampled.AudioFormat;

/** No usable output on a real kiosk: every play fails with {@code reason}, nothing throws. */
public final class NoAudioOutput implements AudioOutput {

    private final String reason;

    public NoAudioOutput(String reason) {
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
    public AudioSink open(AudioFormat format) throws AudioDeviceException {
        throw new AudioDeviceException(reason);
    }
}
