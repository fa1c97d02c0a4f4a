package org.courtyard.hub;

import java.security.MessageDigest;
import java.util.HexFormat;

final class VoiceMemoTestSupport {

    private VoiceMemoTestSupport() {
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
