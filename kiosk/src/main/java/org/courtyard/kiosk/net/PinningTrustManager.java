package org.courtyard.kiosk.net;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts a hub only if its certificate's public key has one of the pinned SHA-256 hashes, after
 * the {@code chain} trust manager (if any) accepted the chain and the host name. Without
 * {@code chain} the pin is the only check: no issuer, name or date, so a self-signed certificate
 * works and a Pi whose clock is wrong still connects. The kiosk is never a TLS server, so client
 * certificates are always refused.
 */
final class PinningTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager chain;
    private final Set<String> pins;

    PinningTrustManager(X509ExtendedTrustManager chain, Set<String> pins) {
        if (pins.isEmpty()) {
            throw new IllegalArgumentException("a pinning trust manager needs at least one pin");
        }
        this.chain = chain;
        this.pins = Set.copyOf(pins);
    }

    static String pin(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certificates, String authType, Socket socket)
            throws CertificateException {
        if (chain != null) {
            chain.checkServerTrusted(certificates, authType, socket);
        }
        checkPin(certificates);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certificates, String authType, SSLEngine engine)
            throws CertificateException {
        if (chain != null) {
            chain.checkServerTrusted(certificates, authType, engine);
        }
        checkPin(certificates);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certificates, String authType) throws CertificateException {
        if (chain != null) {
            chain.checkServerTrusted(certificates, authType);
        }
        checkPin(certificates);
    }

    private void checkPin(X509Certificate[] certificates) throws CertificateException {
        if (certificates == null || certificates.length == 0) {
            throw new CertificateException("the hub sent no certificate");
        }
        String actual = pin(certificates[0]);
        if (!pins.contains(actual)) {
            throw new CertificateException("its public key is sha256/" + actual + ", which is not the pinned "
                    + HubTls.PIN_KEY + " (" + String.join(", ", new TreeSet<>(pins)) + ")");
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certificates, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("the kiosk accepts no TLS clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certificates, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("the kiosk accepts no TLS clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certificates, String authType) throws CertificateException {
        throw new CertificateException("the kiosk accepts no TLS clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return chain == null ? new X509Certificate[0] : chain.getAcceptedIssuers();
    }
}
