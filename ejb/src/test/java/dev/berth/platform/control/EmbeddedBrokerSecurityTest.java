package dev.berth.platform.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Artemis broker with Berth's accounts and a TLS acceptor as {@link BrokerAcceptor} builds it (the key made
 * here by keytool, self-signed): clients with the trust store get in, others do not, and every message carries the
 * account that sent it, whatever the sender wrote there.
 */
class EmbeddedBrokerSecurityTest {

    private static final String STORE_PASSWORD = "test-store-pass";

    @TempDir
    Path dir;

    private EmbeddedActiveMQ broker;
    private int port;
    private Path trustStore;
    private final List<ServerLocator> locators = new ArrayList<>();

    @BeforeEach
    void startBrokerWithTls() throws Exception {
        Path keyStore = dir.resolve("broker.p12");
        Path certificate = dir.resolve("broker.crt");
        trustStore = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass:env", "STORE_PASS");
        keytool("-exportcert", "-alias", "broker", "-keystore", keyStore.toString(), "-storepass:env", "STORE_PASS",
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass:env", "STORE_PASS");
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Configuration config = new ConfigurationImpl().setName("test").setPersistenceEnabled(false)
                .setSecurityEnabled(true).setPopulateValidatedUser(true).setJMXManagementEnabled(false)
                .addAcceptorConfiguration("berth", BrokerAcceptor.url("tcp://127.0.0.1:" + port,
                        Optional.of(keyStore.toString()), Optional.of(STORE_PASSWORD), true));
        config.putSecurityRoles("berth.agent.#", Set.of(
                new Role("manager", true, false, true, false, true, false, false, true, true, false, false, false),
                new Role("agent", false, true, true, false, true, false, false, false, true, false, false, false)));
        config.putSecurityRoles("berth.results", Set.of(
                new Role("manager", true, true, true, false, true, false, false, true, true, false, false, false),
                new Role("agent", true, false, true, false, true, false, false, false, true, false, false, false)));
        broker = new EmbeddedActiveMQ().setConfiguration(config)
                .setSecurityManager(new BrokerAccounts("manager", "m-secret",
                        (host, password) -> password.equals(host + "-secret")))
                .start();
        broker.getActiveMQServer().createQueue(QueueConfiguration.of("berth.results")
                .setRoutingType(RoutingType.ANYCAST));
        broker.getActiveMQServer().createQueue(QueueConfiguration.of("berth.agent.h2")
                .setRoutingType(RoutingType.ANYCAST));
    }

    @AfterEach
    void stop() throws Exception {
        locators.forEach(ServerLocator::close);
        broker.stop();
    }

    @Test
    void stampsEveryMessageWithTheAccountThatSentItOverTls() throws Exception {
        try (ClientSession agent = session(tls(), "agent-h1", "h1-secret");
             ClientSession manager = session(tls(), "manager", "m-secret")) {
            ClientMessage forged = agent.createMessage(true);
            forged.putStringProperty("_AMQ_VALIDATED_USER", "agent-h2");
            forged.putStringProperty("JMSXUserID", "agent-h2");
            agent.createProducer("berth.results").send(forged);

            manager.start();
            try (ClientConsumer results = manager.createConsumer("berth.results")) {
                ClientMessage received = results.receive(5000);
                assertThat(received).isNotNull();
                assertThat(received.getValidatedUserID()).isEqualTo("agent-h1");
            }
        }
    }

    @Test
    void refusesAnotherHostsQueueAndWrongPasswords() throws Exception {
        try (ClientSession agent = session(tls(), "agent-h1", "h1-secret")) {
            assertThatThrownBy(() -> agent.createConsumer("berth.agent.h2"))
                    .isInstanceOf(ActiveMQSecurityException.class).hasMessageContaining("CONSUME");
        }
        try (ClientSession own = session(tls(), "agent-h2", "h2-secret")) {
            own.createConsumer("berth.agent.h2").close();
        }
        assertThatThrownBy(() -> session(tls(), "agent-h1", "h2-secret"))
                .isInstanceOf(ActiveMQSecurityException.class);
        assertThatThrownBy(() -> session(tls(), "agent", "h1-secret"))
                .isInstanceOf(ActiveMQSecurityException.class);
    }

    @Test
    void refusesAClientThatDoesNotSpeakTls() {
        assertThatThrownBy(() -> session("tcp://127.0.0.1:" + port + "?callTimeout=3000;connectionTTL=3000",
                "manager", "m-secret")).isInstanceOf(ActiveMQException.class);
    }

    private String tls() {
        return "tcp://127.0.0.1:" + port + "?sslEnabled=true;trustStorePath=" + trustStore
                + ";trustStorePassword=" + STORE_PASSWORD + ";trustStoreType=PKCS12";
    }

    private ClientSession session(String url, String user, String password) throws Exception {
        ServerLocator locator = ActiveMQClient.createServerLocator(url).setReconnectAttempts(0)
                .setInitialConnectAttempts(1);
        locators.add(locator);
        ClientSessionFactory factory = locator.createSessionFactory();
        return factory.createSession(user, password, false, true, true, false, 1);
    }

    private void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("keytool.log").toFile());
        builder.environment().put("STORE_PASS", STORE_PASSWORD);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("keytool.log"))).isZero();
    }
}
