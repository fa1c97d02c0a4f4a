package org.courtyard.hub.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;

/**
 * The hub's TLS identity: a PKCS#12 keystore holding one private key with its certificate chain
 * (the hub's certificate, signed by the township CA; see docs/tls.md).
 *
 * @param keystore the {@code .p12} file ({@code tls.keystore})
 * @param password its password ({@code tls.keystore-password} or env {@code COURTYARD_TLS_PASSWORD});
 *     never printed: {@link #toString()} leaves it out
 */
public record TlsSettings(Path keystore, String password) {

    public TlsSettings {
        if (keystore == null) {
            throw new IllegalArgumentException("tls.keystore is required for TLS");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("tls.keystore " + keystore + " needs a password: set env"
                    + " COURTYARD_TLS_PASSWORD (or tls.keystore-password)");
        }
    }

    /**
     * Opens the keystore to fail early and clearly: a wrong password, a file that is not PKCS#12
     * or one without a private key would otherwise surface as an obscure Jetty start failure.
     *
     * @throws IllegalArgumentException naming {@code tls.keystore} and what is wrong
     */
    public void check() {
        KeyStore store;
        try (InputStream in = Files.newInputStream(keystore)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("tls.keystore " + keystore + " cannot be opened (wrong password,"
                    + " or not a PKCS#12 file): " + e.getMessage(), e);
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("tls.keystore " + keystore + " cannot be read: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("tls.keystore " + keystore + " holds no private key; it needs the hub's"
                + " key and certificate (see docs/tls.md)");
    }

    @Override
    public String toString() {
        return "TlsSettings[keystore=" + keystore + "]";
    }
}
