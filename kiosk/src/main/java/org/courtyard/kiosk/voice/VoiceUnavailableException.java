package org.courtyard.kiosk.voice;

/**
 * Voice recognition cannot run: the model folder is missing or incomplete or cannot be loaded, or
 * the Vosk native library cannot be loaded. The message is a sentence for the kiosk's status line
 * and heartbeats, naming the path that is missing and how to install it.
 */
public class VoiceUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public VoiceUnavailableException(String message) {
        super(message);
    }

    public VoiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
