package org.courtyard.hardware.internal;

/**
 * A sound device is missing, busy, gone or refuses a format. The message is a sentence a person can
 * act on; the loudspeaker turns it into a {@code FAILED} play, the microphone into an
 * {@link IllegalStateException}.
 */
public final class AudioDeviceException extends Exception {

    private static final long serialVersionUID = 1L;

    public AudioDeviceException(String message) {
        super(message);
    }

    public AudioDeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
