package dev.berth.platform.control;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The embedded broker's acceptor URL: the bind address, with a TLS key store when one is configured. */
public final class BrokerAcceptor {

    private BrokerAcceptor() {
    }

    /**
     * The acceptor URL for Artemis. It holds the key store's password: log {@code bind}, never this.
     *
     * @param bind          e.g. {@code tcp://127.0.0.1:61616}
     * @param keyStore      a PKCS12 key store with the broker's key and certificate; absent or blank: plain TCP
     * @param listenAtStart false: the acceptor stays closed when the broker starts, until it is started itself
     */
    public static String url(String bind, Optional<String> keyStore, Optional<String> password,
            boolean listenAtStart) {
        List<String> parameters = new ArrayList<>();
        keyStore.filter(path -> !path.isBlank()).ifPresent(store -> parameters.add("sslEnabled=true;keyStoreType=PKCS12"
                + ";keyStorePath=" + encoded(store) + ";keyStorePassword=" + encoded(password.orElse(""))));
        if (!listenAtStart) {
            parameters.add("autoStart=false");
        }
        if (parameters.isEmpty()) {
            return bind;
        }
        return bind + (bind.contains("?") ? ";" : "?") + String.join(";", parameters);
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
