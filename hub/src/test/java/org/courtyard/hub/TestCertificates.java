package org.courtyard.hub;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A township CA and a hub certificate it signed (for 127.0.0.1 and localhost), made at test time
 * with the running JDK's keytool, the way docs/tls.md describes with keytool.
 *
 * @param caCertificate the CA's certificate (PEM), what kiosks and browsers are told to trust
 * @param hubKeystore the hub's PKCS#12 keystore: its key with the chain hub -> CA
 */
record TestCertificates(Path caCertificate, Path hubKeystore, String password) {

    static final String PASSWORD = "test-keystore-pass";

    /** Makes the CA and the hub's keystore in {@code dir} (a few keytool runs, a few seconds). */
    static TestCertificates create(Path dir) throws IOException, InterruptedException {
        Path ca = dir.resolve("township-ca.p12");
        Path caCert = dir.resolve("township-ca.crt");
        Path hub = dir.resolve("hub.p12");
        Path csr = dir.resolve("hub.csr");
        Path hubCert = dir.resolve("hub.crt");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=Test Township CA", "-ext", "bc:c", "-validity", "30",
                "-keystore", ca.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-exportcert", "-alias", "ca", "-keystore", ca.toString(), "-storepass", PASSWORD, "-rfc",
                "-file", caCert.toString());
        keytool("-genkeypair", "-alias", "hub", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=courtyard-hub", "-validity", "30",
                "-keystore", hub.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-certreq", "-alias", "hub", "-keystore", hub.toString(), "-storepass", PASSWORD,
                "-file", csr.toString());
        keytool("-gencert", "-alias", "ca", "-keystore", ca.toString(), "-storepass", PASSWORD,
                "-infile", csr.toString(), "-outfile", hubCert.toString(), "-rfc", "-validity", "30",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-ext", "KU=digitalSignature", "-ext", "EKU=serverAuth");
        keytool("-importcert", "-alias", "ca", "-file", caCert.toString(), "-keystore", hub.toString(),
                "-storepass", PASSWORD, "-noprompt");
        keytool("-importcert", "-alias", "hub", "-file", hubCert.toString(), "-keystore", hub.toString(),
                "-storepass", PASSWORD, "-noprompt");
        return new TestCertificates(caCert, hub, PASSWORD);
    }

    /** An SSL context that trusts exactly the township CA. */
    SSLContext trustingContext() throws IOException, GeneralSecurityException {
        return trusting(caCertificate);
    }

    static SSLContext trusting(Path pem) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            Certificate certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
            trust.setCertificateEntry("township-ca", certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed: " + output);
        }
    }
}
