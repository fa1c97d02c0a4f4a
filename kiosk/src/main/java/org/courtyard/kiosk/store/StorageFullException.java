package org.courtyard.kiosk.store;

/**
 * The kiosk's SD card is full: the write was rolled back and nothing of it is stored. Writes
 * succeed again once space is freed.
 */
public final class StorageFullException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    StorageFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
