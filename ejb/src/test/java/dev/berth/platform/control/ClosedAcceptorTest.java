package dev.berth.platform.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.util.Map;
import java.util.Optional;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnectorFactory;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded broker starts closed to the network: an acceptor made with {@code listenAtStart=false} refuses TCP
 * clients while the in-VM acceptor (the recovery of transactions in doubt) already serves, until it is started.
 */
class ClosedAcceptorTest {

    private EmbeddedActiveMQ broker;
    private int port;

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        broker = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl().setName("closed")
                .setPersistenceEnabled(false).setSecurityEnabled(true).setJMXManagementEnabled(false)
                .addAcceptorConfiguration("berth", BrokerAcceptor.url("tcp://127.0.0.1:" + port, Optional.empty(),
                        Optional.empty(), false))
                .addAcceptorConfiguration("in-vm", "vm://7"))
                .setSecurityManager(new BrokerAccounts("manager", "m-secret", (host, password) -> false))
                .start();
    }

    @AfterEach
    void stop() throws Exception {
        broker.stop();
    }

    @Test
    void refusesTcpClientsUntilTheAcceptorIsStartedWhileInVmServes() throws Exception {
        assertThatThrownBy(() -> overTcp().close()).isInstanceOf(ActiveMQException.class);
        try (ServerLocator locator = ActiveMQClient.createServerLocatorWithoutHA(new TransportConfiguration(
                InVMConnectorFactory.class.getName(), Map.of("serverId", 7)));
                ClientSession session = locator.createSessionFactory()
                        .createSession("manager", "m-secret", true, false, false, false, 1)) {
            assertThat(session.isClosed()).isFalse();
        }

        broker.getActiveMQServer().getRemotingService().getAcceptor("berth").start();

        try (ClientSession session = overTcp()) {
            assertThat(session.isClosed()).isFalse();
        }
    }

    @Test
    void addsTheParameterToATlsUrl() {
        assertThat(BrokerAcceptor.url("tcp://0.0.0.0:1", Optional.of("/k s.p12"), Optional.of("p&w"), false))
                .isEqualTo("tcp://0.0.0.0:1?sslEnabled=true;keyStoreType=PKCS12;keyStorePath=%2Fk+s.p12"
                        + ";keyStorePassword=p%26w;autoStart=false");
        assertThat(BrokerAcceptor.url("tcp://0.0.0.0:1", Optional.of(" "), Optional.empty(), true))
                .isEqualTo("tcp://0.0.0.0:1");
    }

    private ClientSession overTcp() throws Exception {
        ServerLocator locator = ActiveMQClient.createServerLocator("tcp://127.0.0.1:" + port)
                .setReconnectAttempts(0).setInitialConnectAttempts(1);
        return locator.createSessionFactory().createSession("manager", "m-secret", true, false, false, false, 1);
    }
}
