package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.protocol.Messages;
import dev.berth.testsupport.Api;
import dev.berth.testsupport.Poll;
import jakarta.jms.JMSRuntimeException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Berth of its own started with {@code BERTH_BROKER_TLS=true}, as a user would: the launcher makes the broker's
 * key, and the manager's consumer and the local agent (Payara's resource adapter, forceSSLParameters) reach the
 * broker over TLS only. Outside clients get in with the trust store the launcher wrote, and not without TLS.
 */
class BrokerTlsIT {

    private static final String HOST = "tls-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Duration BOOT_DEADLINE = Duration.ofMinutes(4);

    private static Process berth;
    private static Path dataDir;
    private static int brokerPort;
    private static Api admin;

    @BeforeAll
    static void startBerthWithTls() throws IOException {
        Path root = Path.of(System.getProperty("berth.root", "..")).toRealPath();
        dataDir = Files.createTempDirectory("berth-tls-");
        int httpPort = RunningBerth.freePort();
        brokerPort = RunningBerth.freePort();
        String adminPassword = "admin-" + UUID.randomUUID();
        ProcessBuilder builder = new ProcessBuilder(root.resolve("berth").toString(), "run")
                .redirectErrorStream(true).redirectOutput(log());
        Map<String, String> env = builder.environment();
        env.put("BERTH_DATA_DIR", dataDir.toString());
        env.put("BERTH_HTTP_PORT", String.valueOf(httpPort));
        env.put("BERTH_GRID_PORT", String.valueOf(RunningBerth.freePort()));
        env.put("BERTH_BROKER_PORT", String.valueOf(brokerPort));
        env.put("BERTH_BROKER_TLS", "true");
        env.put("BERTH_AGENT_HOST", HOST);
        env.put("BERTH_AGENT_BIND_ADDRESS", "127.0.0.1");
        env.put("BERTH_ADMIN_PASSWORD", adminPassword);
        env.put("BERTH_AGENT_HEARTBEAT_SECONDS", "1");
        berth = builder.start();
        admin = new Api("http://127.0.0.1:" + httpPort + "/api", "admin", adminPassword);
        Poll.until(BOOT_DEADLINE, "the TLS Berth's agent to report (log: " + log() + ")", () -> {
            if (!berth.isAlive()) {
                throw new IllegalStateException("Berth exited with " + berth.exitValue() + "; see " + log());
            }
            try {
                Api.Reply host = admin.get("/hosts/" + HOST);
                return host.status() == 200 && "ONLINE".equals(host.json().getString("state"));
            } catch (UncheckedIOException notYet) {
                return false;
            }
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (berth != null) {
            berth.destroy();
            if (!berth.waitFor(30, TimeUnit.SECONDS)) {
                berth.descendants().forEach(ProcessHandle::destroyForcibly);
                berth.destroyForcibly();
            }
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void letsInAClientWithTheTrustStoreAndNoneWithoutTls() throws IOException {
        String user = Messages.agentUser(HOST);
        String password = secret("BERTH_BROKER_AGENT_PASSWORD");
        Path trustStore = dataDir.resolve("tls/broker-trust.p12");

        try (Broker overTls = new Broker("tcp://127.0.0.1:" + brokerPort + "?sslEnabled=true&trustStorePath="
                + trustStore + "&trustStorePassword=berth-trust", user, password)) {
            overTls.send(Messages.RESULTS_QUEUE, "{}", Map.of("marker", UUID.randomUUID().toString()));
        }
        assertThatThrownBy(() -> new Broker("tcp://127.0.0.1:" + brokerPort
                + "?callTimeout=3000&initialConnectAttempts=1", user, password).close())
                .isInstanceOf(JMSRuntimeException.class);
    }

    @Test
    void keepsTheKeysPasswordOutOfTheLogAndTheKeyToItsOwner() throws IOException {
        String keyStorePassword = secret("BERTH_BROKER_TLS_KEYSTORE_PASSWORD");

        assertThat(keyStorePassword).isNotBlank();
        // the launcher's lines, then the server log in the data dir
        String log = Files.readString(log().toPath(), StandardCharsets.UTF_8)
                + Files.readString(dataDir.resolve("logs/manager.log.0"), StandardCharsets.UTF_8);
        assertThat(log).doesNotContain(keyStorePassword).contains("(TLS)");
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("tls/broker.p12")))
                .allMatch(p -> p.name().startsWith("OWNER"));
    }

    private static String secret(String key) throws IOException {
        Properties secrets = new Properties();
        try (InputStream in = Files.newInputStream(dataDir.resolve("secrets.env"))) {
            secrets.load(in);
        }
        return secrets.getProperty(key);
    }

    private static File log() {
        return new File(System.getProperty("berth.log", "target/berth-system-test.log")
                .replaceFirst("\\.log$", "") + "-tls.log");
    }
}
