package dev.berth.agent.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS that trusts the certificates of one trust store file only (the manager's own, often self-signed), not the
 * JVM's default authorities.
 */
public final class TrustStores {

    private TrustStores() {
    }

    /**
     * An SSL context trusting what {@code trustStore} (PKCS12 or JKS) holds.
     *
     * @throws IllegalStateException naming the file when it cannot be read or holds no usable certificate
     */
    public static SSLContext trusting(Path trustStore, char[] password) {
        try (InputStream in = Files.newInputStream(trustStore)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(in, password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the trust store " + trustStore + " cannot be used: " + e.getMessage(), e);
        }
    }
}
