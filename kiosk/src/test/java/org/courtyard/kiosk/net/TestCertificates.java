package org.courtyard.kiosk.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A township CA, a hub certificate it signed for 127.0.0.1, and an unrelated CA, made at test time
 * with the running JDK's keytool: nothing secret is committed, and nothing outside the JDK is needed.
 */
public final class TestCertificates {

    public static final String PASSWORD = "test-only";

    /** PEM of the township CA that signed the hub's certificate. */
    public final Path caPem;
    /** PEM of a CA that signed nothing the hub uses. */
    public final Path otherCaPem;
    /** PKCS12 with the hub's key and its chain (hub, CA). */
    public final Path hubKeyStore;

    private TestCertificates(Path caPem, Path otherCaPem, Path hubKeyStore) {
        this.caPem = caPem;
        this.otherCaPem = otherCaPem;
        this.hubKeyStore = hubKeyStore;
    }

    /** Makes everything in {@code dir}; takes a few seconds (each keytool run is a JVM). */
    public static TestCertificates create(Path dir) throws IOException, InterruptedException {
        Path ca = dir.resolve("ca.p12");
        Path other = dir.resolve("other.p12");
        Path hub = dir.resolve("hub.p12");
        Path caPem = dir.resolve("ca.pem");
        Path otherPem = dir.resolve("other-ca.pem");
        Path csr = dir.resolve("hub.csr");
        Path hubPem = dir.resolve("hub.pem");
        Path chain = dir.resolve("hub-chain.pem");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=Test Township CA", "-ext", "bc:c", "-validity", "30", "-keystore", ca);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca, "-file", caPem);
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=Some Other CA", "-ext", "bc:c", "-validity", "30", "-keystore", other);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", other, "-file", otherPem);
        keytool("-genkeypair", "-alias", "hub", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=hub.test", "-validity", "30", "-keystore", hub);
        keytool("-certreq", "-alias", "hub", "-keystore", hub, "-file", csr);
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca, "-infile", csr, "-outfile", hubPem,
                "-ext", "SAN=ip:127.0.0.1", "-validity", "30");
        Files.writeString(chain, Files.readString(hubPem) + Files.readString(caPem), StandardCharsets.US_ASCII);
        keytool("-importcert", "-noprompt", "-alias", "hub", "-keystore", hub, "-file", chain);
        return new TestCertificates(caPem, otherPem, hub);
    }

    /** The TLS context of a server that presents the hub's certificate. */
    public SSLContext serverContext() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(hubKeyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** The pin of the hub's public key, as {@code tls.pin-sha256} takes it. */
    public String hubPin() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(hubKeyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return HubTls.pinOf((X509Certificate) store.getCertificate("hub"));
    }

    private static void keytool(Object... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        for (Object arg : args) {
            command.add(arg.toString());
        }
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + command + "\n" + new String(output, StandardCharsets.UTF_8));
        }
    }
}
