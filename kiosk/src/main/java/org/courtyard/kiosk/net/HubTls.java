package org.courtyard.kiosk.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How the kiosk trusts its hub: which certificates it accepts over {@code https://}, and whether it
 * may talk plain {@code http://} at all.
 *
 * <ul>
 *   <li>No {@code tls.ca-file} and no {@code tls.pin-sha256}: the hub's certificate must chain to
 *       one of the system's CAs (a hub with a public certificate).</li>
 *   <li>{@code tls.ca-file}: the hub's certificate must chain to one of the CA certificates in that
 *       PEM file (the township's own CA), <em>instead of</em> the system's CAs, and name the host the
 *       kiosk connects to. A public CA cannot vouch for the township hub then.</li>
 *   <li>{@code tls.pin-sha256}: the SHA-256 of the hub certificate's public key (SubjectPublicKeyInfo,
 *       base64, as {@code openssl ... | openssl dgst -sha256 -binary | base64} prints it; several
 *       separated by commas during a key change). Alone, a pin trusts exactly that key whoever
 *       signed it, for whatever name and dates (a self-signed hub certificate; a Pi with a wrong
 *       clock still connects); with a CA file both must hold.</li>
 *   <li>Plain {@code http://} is refused for any hub but this machine's loopback address, unless
 *       {@code hub.allow-insecure-http=true}: a kiosk token sent in clear over a village network
 *       could be read by anyone on it. Loopback stays allowed because {@code ./courtyard demo} and
 *       the tests run a hub on {@code http://127.0.0.1}; nothing leaves the machine there.</li>
 * </ul>
 *
 * {@link HubConnection} applies these rules to every request of the kiosk. The CA file and the pins
 * are read and checked by {@link #of}; a bad file or pin is an {@link IllegalArgumentException}
 * naming the key, at start-up and not at the first sync. The TLS
 * context itself is built on first use: a kiosk on a plain-HTTP loopback hub (the demo, the tests)
 * never loads the system's CA store.
 */
public final class HubTls {

    /** Config key: a PEM file with the CA certificate(s) to trust instead of the system's. */
    public static final String CA_FILE_KEY = "tls.ca-file";
    /** Config key: base64 SHA-256 pins of the hub's public key, comma-separated. */
    public static final String PIN_KEY = "tls.pin-sha256";
    /** Config key (also {@code --allow-insecure-http}): allow {@code http://} to other machines. */
    public static final String INSECURE_HTTP_KEY = "hub.allow-insecure-http";

    private final Path caFile;
    private final Set<String> pins;
    private final boolean allowInsecureHttp;
    private final KeyStore caStore;
    private SSLContext sslContext;

    private HubTls(Path caFile, Set<String> pins, boolean allowInsecureHttp, KeyStore caStore) {
        this.caFile = caFile;
        this.pins = pins;
        this.allowInsecureHttp = allowInsecureHttp;
        this.caStore = caStore;
    }

    /** The system's CAs, no pin, plain HTTP only to loopback. */
    public static HubTls defaults() {
        return of(null, null, false);
    }

    /**
     * Reads the CA file and the pins.
     *
     * @param caFile a PEM file of CA certificates, or null for the system's
     * @param pinSha256 base64 SHA-256 pins, comma-separated (an optional {@code sha256/} prefix is
     *     allowed), or null/blank for none
     * @throws IllegalArgumentException naming {@value #CA_FILE_KEY} or {@value #PIN_KEY} when the
     *     file cannot be read, holds no certificate, or a pin is not 32 bytes of base64
     */
    public static HubTls of(Path caFile, String pinSha256, boolean allowInsecureHttp) {
        Set<String> pins = parsePins(pinSha256);
        try {
            return new HubTls(caFile, pins, allowInsecureHttp, caFile == null ? null : caStore(caFile));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** Whether {@code http://} may be used to hosts other than loopback. */
    public boolean allowInsecureHttp() {
        return allowInsecureHttp;
    }

    public Path caFile() {
        return caFile;
    }

    public Set<String> pins() {
        return pins;
    }

    /** The TLS context of the kiosk's {@link HubConnection}; built on the first call. */
    public synchronized SSLContext sslContext() {
        if (sslContext == null) {
            try {
                // A pin alone is the whole check; otherwise the chain must verify (and name the host).
                X509ExtendedTrustManager chain = caStore != null ? trust(caStore, "PKIX")
                        : pins.isEmpty() ? trust(null, TrustManagerFactory.getDefaultAlgorithm()) : null;
                X509ExtendedTrustManager trust = pins.isEmpty() ? chain : new PinningTrustManager(chain, pins);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {trust}, null);
                sslContext = context;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this JVM cannot set up TLS: " + e.getMessage(), e);
            }
        }
        return sslContext;
    }

    /**
     * Checks a hub address: {@code https://} anything, or {@code http://} to loopback, or
     * {@code http://} anywhere when allowed.
     *
     * @param what how to name the address in the message, e.g. {@code --hub}
     * @throws IllegalArgumentException saying why and what to do instead
     */
    public URI checkHub(URI hub, String what) {
        String scheme = hub.getScheme() == null ? "" : hub.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || hub.getHost() == null) {
            throw new IllegalArgumentException(what + " must be an http:// or https:// address, was '" + hub + "'");
        }
        if (scheme.equals("http") && !allowInsecureHttp && !isLoopback(hub)) {
            throw new IllegalArgumentException(what + " " + hub + " is plain HTTP to another machine, which would send"
                    + " this kiosk's token unencrypted: use the hub's https:// address (see docs/deploy-pi.md), or set "
                    + INSECURE_HTTP_KEY + "=true (or --allow-insecure-http) for a test network");
        }
        return hub;
    }

    /**
     * Whether the address names this machine by a loopback literal: {@code localhost},
     * {@code 127.x.x.x} or {@code [::1]}. No name is looked up.
     */
    public static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.equals("localhost") || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1")
                || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /**
     * Turns a failed TLS handshake into {@link HubUntrustedException} with the reason a technician
     * can act on; any other exception is returned as it is.
     */
    public static IOException explain(IOException failure) {
        if (failure instanceof HubUntrustedException) {
            return failure;
        }
        CertificateException certificate = null;
        SSLException ssl = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateException found) {
                certificate = found;
            }
            if (cause instanceof SSLException found && ssl == null) {
                ssl = found;
            }
        }
        if (certificate == null && !(ssl instanceof javax.net.ssl.SSLHandshakeException)) {
            return failure;
        }
        String reason = certificate != null ? certificate.getMessage() : ssl.getMessage();
        if (reason != null && reason.contains("PKIX path building failed")) {
            reason = "it is not signed by a CA this kiosk trusts (" + CA_FILE_KEY + ", or the system's CAs without it)";
        }
        return new HubUntrustedException("the hub's certificate is not trusted: " + reason, failure);
    }

    /** The pin of a certificate's public key: base64 of the SHA-256 of its SubjectPublicKeyInfo. */
    public static String pinOf(X509Certificate certificate) {
        return PinningTrustManager.pin(certificate);
    }

    private static Set<String> parsePins(String text) {
        Set<String> pins = new LinkedHashSet<>();
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        for (String part : text.split(",")) {
            String pin = part.strip();
            if (pin.isEmpty()) {
                continue;
            }
            if (pin.toLowerCase(Locale.ROOT).startsWith("sha256/")) {
                pin = pin.substring("sha256/".length());
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(pin);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PIN_KEY + " must be base64 (44 characters ending in '='), was '"
                        + pin + "'", e);
            }
            if (bytes.length != 32) {
                throw new IllegalArgumentException(PIN_KEY + " must be the base64 of a 32-byte SHA-256, was '" + pin
                        + "' (" + bytes.length + " bytes)");
            }
            pins.add(Base64.getEncoder().encodeToString(bytes));
        }
        return Set.copyOf(pins);
    }

    /** The trust manager of {@code store}, or of the system's CAs when it is null. */
    private static X509ExtendedTrustManager trust(KeyStore store, String algorithm) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(algorithm);
        factory.init(store);
        return x509(factory);
    }

    private static KeyStore caStore(Path file) throws GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new IllegalArgumentException(CA_FILE_KEY + ": cannot read " + file + ": " + e.getMessage(), e);
        } catch (CertificateException e) {
            throw new IllegalArgumentException(CA_FILE_KEY + ": " + file + " is not a PEM certificate file: "
                    + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(CA_FILE_KEY + ": " + file + " holds no certificate");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create an empty key store", e);
        }
        List<Certificate> list = new ArrayList<>(certificates);
        for (int i = 0; i < list.size(); i++) {
            store.setCertificateEntry("ca-" + i, list.get(i));
        }
        return store;
    }

    private static X509ExtendedTrustManager x509(TrustManagerFactory factory) {
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("the JVM's " + factory.getAlgorithm() + " trust manager is not an X.509 one");
    }

    @Override
    public String toString() {
        return "HubTls[caFile=" + caFile + ", pins=" + pins.size() + ", allowInsecureHttp=" + allowInsecureHttp + "]";
    }
}
