package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The manager's HTTPS option: the booted Berth also serves the API on {@code BERTH_HTTPS_PORT} with its own key. */
@ExtendWith(RunningBerth.class)
class HttpsIT {

    private final RunningBerth berth;

    HttpsIT(RunningBerth berth) {
        this.berth = berth;
    }

    @Test
    void servesTheApiOverHttpsWithTheOperatorsKeyAndItsLogins() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(berth.httpsKeystore())) {
            keys.load(in, berth.httpsKeystorePassword().toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        HttpClient client = HttpClient.newBuilder().sslContext(tls).build();
        URI hosts = URI.create("https://127.0.0.1:" + berth.httpsPort() + "/api/hosts");
        String basic = Base64.getEncoder().encodeToString(("admin:" + berth.adminPassword())
                .getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> admin = client.send(HttpRequest.newBuilder(hosts).header("Authorization", "Basic " + basic)
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(hosts).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
        assertThat(admin.body()).contains(RunningBerth.HOST);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        SSLSession session = admin.sslSession().orElseThrow();
        assertThat(((X509Certificate) session.getPeerCertificates()[0]).getSubjectX500Principal().getName())
                .isEqualTo("CN=127.0.0.1");
        // a client that trusts only the usual authorities refuses the self-signed key: it really is TLS with it
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(hosts).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
    }
}
