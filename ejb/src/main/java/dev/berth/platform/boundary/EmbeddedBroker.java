package dev.berth.platform.boundary;

import dev.berth.platform.control.DataDirectory;
import dev.berth.protocol.Messages;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The broker of the embedded run: Artemis inside the manager's JVM, persistent under the data directory, listening
 * on loopback, with login required.
 * <p>
 * Two accounts: the manager sends commands and consumes results; agents consume commands and send results. A message
 * that fails three deliveries moves to {@code DLQ} instead of looping. In a scale-out set-up
 * {@code berth.broker.embedded=false} and the manager connects to a standalone broker configured the same way.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class EmbeddedBroker {

    static final String MANAGER_ROLE = "manager";
    static final String AGENT_ROLE = "agent";

    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class.getName());
    /**
     * Artemis's audit loggers write every message sent and consumed, body included, once INFO is on (Payara's
     * default): work and noise on every heartbeat and command. Berth audits in its own trail; these stay quiet.
     * Held here so that the level set on it is not lost with a collected logger.
     */
    private static final Logger ARTEMIS_AUDIT = Logger.getLogger("org.apache.activemq.audit");

    @Inject
    @ConfigProperty(name = "berth.broker.embedded", defaultValue = "true")
    boolean embedded;

    @Inject
    @ConfigProperty(name = "berth.broker.bind", defaultValue = "tcp://127.0.0.1:61616")
    String bind;

    @Inject
    @ConfigProperty(name = "berth.broker.manager-user", defaultValue = "manager")
    String managerUser;

    @Inject
    @ConfigProperty(name = "berth.broker.manager-password")
    String managerPassword;

    @Inject
    @ConfigProperty(name = "berth.broker.agent-user", defaultValue = "agent")
    String agentUser;

    @Inject
    @ConfigProperty(name = "berth.broker.agent-password")
    String agentPassword;

    @Inject
    DataDirectory data;

    private EmbeddedActiveMQ broker;

    @PostConstruct
    void start() {
        if (!embedded) {
            LOG.info("embedded broker disabled: using the broker in berth.broker.connection");
            return;
        }
        ARTEMIS_AUDIT.setLevel(Level.WARNING);
        try {
            broker = new EmbeddedActiveMQ()
                    .setConfiguration(configuration())
                    .setSecurityManager(securityManager())
                    .start();
            LOG.info(() -> "embedded Artemis broker listening at " + bind);
        } catch (Exception e) {
            throw new IllegalStateException("the embedded broker did not start at " + bind + ": " + e.getMessage(), e);
        }
    }

    private Configuration configuration() throws Exception {
        String dir = data.resolve("broker").toString();
        Configuration config = new ConfigurationImpl()
                .setName("berth")
                .setPersistenceEnabled(true)
                .setJournalDirectory(dir + "/journal")
                .setBindingsDirectory(dir + "/bindings")
                .setLargeMessagesDirectory(dir + "/large-messages")
                .setPagingDirectory(dir + "/paging")
                .setSecurityEnabled(true)
                .setJMXManagementEnabled(false)
                .addAcceptorConfiguration("berth", bind);
        config.addAddressSetting("#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(Messages.DEAD_LETTER_QUEUE))
                .setAutoCreateDeadLetterResources(false)
                .setMaxDeliveryAttempts(3)
                .setRedeliveryDelay(1000)
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true)
                .setAutoDeleteQueues(false)
                .setAutoDeleteAddresses(false));
        // queue name, not a pattern: agents' commands, results, and the dead-letter queue
        config.putSecurityRoles("berth.agent.#", Set.of(
                role(MANAGER_ROLE, true, false, true),
                role(AGENT_ROLE, false, true, false)));
        config.putSecurityRoles(Messages.RESULTS_QUEUE, Set.of(
                role(MANAGER_ROLE, true, true, true),
                role(AGENT_ROLE, true, false, false)));
        // everything else: the temporary reply queues of request/reply (logs), made and read by the manager
        config.putSecurityRoles("#", Set.of(
                new Role(MANAGER_ROLE, true, true, false, false, true, true, false, false, true, true, false, false),
                new Role(AGENT_ROLE, true, false, false, false, false, false, false, false, false, false, false,
                        false)));
        config.putSecurityRoles(Messages.DEAD_LETTER_QUEUE, Set.of(
                role(MANAGER_ROLE, true, true, true),
                role(AGENT_ROLE, true, false, false)));
        return config;
    }

    /** A role that may create the (durable, anycast) queues it uses, never delete them. */
    private static Role role(String name, boolean send, boolean consume, boolean browse) {
        return new Role(name, send, consume, true, false, true, false, false, browse, true, false, false, false);
    }

    private ActiveMQJAASSecurityManager securityManager() {
        SecurityConfiguration users = new SecurityConfiguration();
        users.addUser(managerUser, managerPassword);
        users.addRole(managerUser, MANAGER_ROLE);
        users.addUser(agentUser, agentPassword);
        users.addRole(agentUser, AGENT_ROLE);
        return new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users);
    }

    @PreDestroy
    void stop() {
        if (broker != null) {
            try {
                broker.stop();
            } catch (Exception e) {
                LOG.warning(() -> "embedded broker did not stop cleanly: " + e);
            }
        }
    }
}
