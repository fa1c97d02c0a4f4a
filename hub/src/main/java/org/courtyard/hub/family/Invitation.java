package org.courtyard.hub.family;

import java.time.Instant;

/**
 * Answer of {@code POST /api/v1/family-contacts/{id}/invite}: the one-use code, the link to open
 * on the phone (the code rides in its fragment, which browsers never send to a server, so it stays
 * out of every access log), when it expires, and the link as a QR code to print or send.
 *
 * @param qrSvg the QR code of {@code link} as an SVG document
 */
public record Invitation(String code, String link, Instant expiresAt, String qrSvg) {

    @Override
    public String toString() {
        return "Invitation[expiresAt=" + expiresAt + "]";
    }
}
