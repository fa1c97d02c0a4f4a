package org.courtyard.hardware.internal;

import javax.sound.sampled.AudioInputStream;

/** Where the microphone's audio comes from. */
public interface AudioInput {

    /** Whether a real device was found. */
    boolean present();

    /** Says which device this is, or why there is none, for health lines and errors. */
    String description();

    /**
     * Starts capturing, in whatever PCM format the device offers (the microphone converts). Closing
     * the stream stops the device and makes a blocked read return.
     */
    AudioInputStream open() throws AudioDeviceException;
}
