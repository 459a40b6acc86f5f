package dev.berth.agent.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's https fetch from a manager with a self-signed certificate, made here with keytool. */
class TrustStoresTest {

    private static final String PASSWORD = "test-store-pass";

    @TempDir
    Path dir;

    private HttpsServer server;
    private Path trustStore;

    @BeforeEach
    void serveOverTlsWithASelfSignedCertificate() throws Exception {
        Path keyStore = dir.resolve("manager.p12");
        Path certificate = dir.resolve("manager.crt");
        trustStore = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "manager", "-keyalg", "EC", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass:env", "STORE_PASS");
        keytool("-exportcert", "-alias", "manager", "-keystore", keyStore.toString(), "-storepass:env", "STORE_PASS",
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "manager", "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass:env", "STORE_PASS");

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/api/images/x", exchange -> {
            byte[] body = "tar bytes".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void fetchesFromAManagerWhoseCertificateIsInTheTrustStore() throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .sslContext(TrustStores.trusting(trustStore, PASSWORD.toCharArray())).build();

        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(uri()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("tar bytes");
    }

    @Test
    void refusesTheSameManagerWithoutTheTrustStore() {
        HttpClient client = HttpClient.newHttpClient();

        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(uri()).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void namesATrustStoreThatCannotBeRead() {
        assertThatThrownBy(() -> TrustStores.trusting(dir.resolve("absent.p12"), new char[0]))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("absent.p12");
    }

    private URI uri() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/api/images/x");
    }

    private void keytool(String... arguments) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        ProcessBuilder builder = new ProcessBuilder(concat(keytool.toString(), arguments)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("keytool.log").toFile());
        builder.environment().put("STORE_PASS", PASSWORD);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("keytool.log"))).isZero();
    }

    private static List<String> concat(String first, String... rest) {
        List<String> all = new java.util.ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all;
    }
}
