package org.courtyard.hardware.internal;

import javax.sound.sampled.AudioFormat;

/** Where the loudspeaker's audio goes: a sound card, a silent stand-in, or nothing at all. */
public interface AudioOutput {

    /** Whether a real device was found. */
    boolean present();

    /** Says which device this is, or why there is none, for health lines and errors. */
    String description();

    /**
     * Opens a sink for PCM in {@code format} or, if the device cannot take that format, in the
     * closest format it can take; {@link AudioSink#format()} tells which.
     */
    AudioSink open(AudioFormat format) throws AudioDeviceException;
}
