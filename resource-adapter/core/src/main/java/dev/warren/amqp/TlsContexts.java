package dev.warren.amqp;

import dev.warren.WarrenException;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;

/**
 * Builds the SSLContext of a TLS connection from {@link TlsSettings}: a trust manager over the configured trust
 * store (or the JVM's default one), and a key manager over the key store when one is set. Verification of the
 * broker's certificate is the JDK's PKIX validation and cannot be switched off; host name verification is applied
 * per socket ({@link ClientFactories}). Errors name the setting and the file, never a password. Stateless.
 */
final class TlsContexts {
    private TlsContexts() {
    }

    /**
     * @param tls the settings
     * @return a new context
     * @throws WarrenException when a store cannot be read or opened
     */
    static SSLContext build(TlsSettings tls) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(tls.trustStore() == null ? null
                    : load("trustStore", tls.trustStore(), tls.trustStoreType(), tls.trustStorePassword()));
            KeyManager[] keys = null;
            if (tls.keyStore() != null) {
                KeyStore ks = load("keyStore", tls.keyStore(), tls.keyStoreType(), tls.keyStorePassword());
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                try {
                    kmf.init(ks, chars(tls.keyStorePassword()));
                } catch (UnrecoverableKeyException e) {
                    throw new WarrenException("Cannot use keyStore '" + tls.keyStore() + "': its private key cannot be"
                            + " read with keyStorePassword. Fix: protect the key with the same password as the store"
                            + " and set keyStorePassword to it.", null);
                }
                keys = kmf.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new WarrenException("Cannot set up TLS: " + e.getClass().getSimpleName() + ". Fix: check trustStore,"
                    + " keyStore and their types.", e);
        }
    }

    private static KeyStore load(String property, String path, String type, String password)
            throws GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            ks.load(in, chars(password));
            return ks;
        } catch (NoSuchFileException e) {
            throw new WarrenException("Cannot read " + property + " '" + path + "': no such file. Fix: set " + property
                    + " to the path of a " + type + " file the server can read.", null);
        } catch (IOException e) {
            boolean badPassword = e.getCause() instanceof UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).contains("password");
            throw new WarrenException("Cannot read " + property + " '" + path + "' as " + type + ": "
                    + (badPassword ? "the password does not open it. Fix: check " + property + "Password."
                    : "it is not such a store or cannot be read (" + e.getClass().getSimpleName() + "). Fix: check "
                    + property + "Type and the file."), null);
        }
    }

    private static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }
}
