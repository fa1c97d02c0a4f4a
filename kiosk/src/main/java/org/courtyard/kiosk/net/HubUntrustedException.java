package org.courtyard.kiosk.net;

import java.io.IOException;

/**
 * The hub's TLS certificate failed this kiosk's checks (unknown CA, wrong host name, wrong pin).
 * Nothing was sent. Retrying helps only once someone fixes the hub's certificate or the kiosk's
 * {@code tls.*} settings; the message says which check failed.
 */
public final class HubUntrustedException extends IOException {

    private static final long serialVersionUID = 1L;

    public HubUntrustedException(String message, Throwable cause) {
        super(message, cause);
    }
}
