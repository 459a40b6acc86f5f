package dev.berth.platform.boundary;

import dev.berth.platform.control.AgentLogins;
import dev.berth.platform.control.BrokerAcceptor;
import dev.berth.platform.control.BrokerAccounts;
import dev.berth.platform.control.BrokerSessions;
import dev.berth.platform.control.DataDirectory;
import dev.berth.platform.control.ManagerConfig;
import dev.berth.platform.control.Redeliveries;
import dev.berth.platform.control.Redelivery;
import dev.berth.protocol.Messages;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.remoting.Acceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The broker of the embedded run: Artemis inside the manager's JVM, persistent under the data directory, listening
 * on loopback, with login required.
 * <p>
 * The manager sends commands and consumes results; each host's agent logs in with an account of its own
 * ({@code agent-<host>}, see {@link BrokerAccounts}), consumes only its own host's commands and sends results. The
 * broker stamps every message with the account that sent it, which the manager checks. A message whose consumer
 * rolled back is delivered again after a growing delay ({@link Redelivery}: results for half an hour, commands
 * within their lifetime), then moved to {@code DLQ} instead of looping. With {@code berth.broker.tls.keystore} the acceptor speaks
 * TLS only. In a scale-out set-up {@code berth.broker.embedded=false} and the manager connects to a standalone
 * broker configured the same way.
 * <p>
 * The broker starts with an in-VM acceptor only, which the recovery of transactions in doubt uses; it listens on
 * its address once the manager's own host is enrolled ({@link #acceptClients()}), so that the local agent, which
 * starts with the manager, never knocks before its account exists. The broker remembers a refused login for 10 s.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class EmbeddedBroker {

    static final String MANAGER_ROLE = BrokerAccounts.MANAGER_ROLE;
    static final String AGENT_ROLE = BrokerAccounts.AGENT_ROLE;
    static final String PROVISIONER_ROLE = BrokerAccounts.PROVISIONER_ROLE;

    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class.getName());
    /** The broker's expiry address and its only queue, a ring of the last {@link #EXPIRED_KEPT} expired messages. */
    static final String EXPIRED_QUEUE = "berth.expired";
    private static final long EXPIRED_KEPT = 100;
    /** How long the journal gathers writes before it flushes them (and syncs, when a transaction waits). */
    static final int JOURNAL_BUFFER_TIMEOUT_NANOS = 500_000;
    /** {@code berth.results}: 1, 2, 4 ... 32 s, then every 60 s; 36 deliveries span 30 min (1,803 s). */
    static final Redelivery RESULTS_REDELIVERY = new Redelivery(Duration.ofSeconds(1), 2, Duration.ofSeconds(60), 36);
    /** {@code berth.agent.<host>}: 1, 2, 4, 8, 16 s; 6 deliveries span 31 s, within the command timeout (120 s). */
    static final Redelivery COMMANDS_REDELIVERY = new Redelivery(Duration.ofSeconds(1), 2, Duration.ofSeconds(16),
            6);
    /** Everything else (the temporary queues of log answers): 3 deliveries, 1 s apart. */
    static final Redelivery OTHER_REDELIVERY = new Redelivery(Duration.ofSeconds(1), 1, Duration.ofSeconds(1), 3);
    /**
     * Artemis's audit loggers write every message sent and consumed, body included, once INFO is on (Payara's
     * default): work and noise on every heartbeat and command. Berth audits in its own trail; these stay quiet.
     * Held here so that the level set on it is not lost with a collected logger.
     */
    private static final Logger ARTEMIS_AUDIT = Logger.getLogger("org.apache.activemq.audit");
    /** The acceptor on {@code berth.broker.bind}, started by {@link #acceptClients()}. */
    private static final String ACCEPTOR = "berth";
    /** The in-VM acceptor's server id: one embedded broker per JVM. */
    static final int IN_VM_SERVER_ID = 0;

    @Inject
    @ConfigProperty(name = "berth.broker.embedded")
    boolean embedded;

    @Inject
    @ConfigProperty(name = "berth.broker.bind")
    String bind;

    @Inject
    @ConfigProperty(name = "berth.broker.manager-user")
    String managerUser;

    @Inject
    @ConfigProperty(name = "berth.broker.manager-password")
    String managerPassword;

    /** A PKCS12 key store with the broker's key and certificate: the acceptor then speaks TLS only. */
    @Inject
    @ConfigProperty(name = "berth.broker.tls.keystore")
    Optional<String> tlsKeyStore;

    @Inject
    @ConfigProperty(name = "berth.broker.tls.keystore-password")
    Optional<String> tlsKeyStorePassword;

    @Inject
    DataDirectory data;

    @Inject
    ManagerConfig managerConfig;

    @Inject
    AgentLogins agentLogins;

    @Inject
    BrokerSessions sessions;

    @Inject
    StartupState startup;

    private final Redeliveries redeliveries = new Redeliveries();

    private EmbeddedActiveMQ broker;

    @PostConstruct
    void start() {
        if (!embedded) {
            LOG.info("embedded broker disabled: using the broker in berth.broker.connection");
            startup.markRun(EmbeddedBroker.class);
            return;
        }
        ARTEMIS_AUDIT.setLevel(Level.WARNING);
        try {
            broker = new EmbeddedActiveMQ()
                    .setConfiguration(configuration())
                    .setSecurityManager(new BrokerAccounts(managerUser, managerPassword, agentLogins::matches,
                            managerConfig.brokerProvisionerUser(), managerConfig.brokerProvisionerPassword()))
                    .start();
            sessions.attach(broker.getActiveMQServer());
            LOG.info("embedded Artemis broker started; it listens once the manager's own host is enrolled");
            startup.markRun(EmbeddedBroker.class);
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
                // a transaction's prepare and commit wait for the journal's next flush (and its fsync): with the NIO
                // journal's default timer of 3.3 ms a start's commit waited 2.5 ms twice at the median; 0.5 ms (the
                // AIO journal's default) still batches the syncs of concurrent commits. Every sync still happens.
                .setJournalBufferTimeout_NIO(JOURNAL_BUFFER_TIMEOUT_NANOS)
                .setBindingsDirectory(dir + "/bindings")
                .setLargeMessagesDirectory(dir + "/large-messages")
                .setPagingDirectory(dir + "/paging")
                .setSecurityEnabled(true)
                // every message carries the account that sent it (JMSXUserID), whatever the sender put there
                .setPopulateValidatedUser(true)
                .setRejectEmptyValidatedUser(true)
                .setJMXManagementEnabled(false)
                .addAcceptorConfiguration(ACCEPTOR, BrokerAcceptor.url(bind, tlsKeyStore, tlsKeyStorePassword, false))
                .addAcceptorConfiguration("in-vm", "vm://" + IN_VM_SERVER_ID);
        config.registerBrokerPlugin(redeliveries);
        // messages that outlive their time to live (commands nobody took in time, answers to a request whose asker
        // left) go to a ring queue that keeps the last EXPIRED_KEPT of them for a look, and never grows
        config.addQueueConfiguration(QueueConfiguration.of(EXPIRED_QUEUE).setAddress(EXPIRED_QUEUE)
                .setRoutingType(RoutingType.ANYCAST).setRingSize(EXPIRED_KEPT));
        // the provisioning producers' batches: the manager's consumer keeps what it cannot read in the DLQ itself
        config.addQueueConfiguration(QueueConfiguration.of(Messages.PROVISIONING_QUEUE)
                .setAddress(Messages.PROVISIONING_QUEUE).setRoutingType(RoutingType.ANYCAST));
        config.addAddressSetting("#", settings(OTHER_REDELIVERY));
        // a result the manager could not apply (its database away, ...) is tried again, ever more slowly, for as long
        // as an outage may last; one that cannot be understood never gets here (the consumer keeps it in the DLQ)
        config.addAddressSetting(Messages.RESULTS_QUEUE, settings(RESULTS_REDELIVERY));
        // a command lives no longer than the command timeout anyway: a few tries within it, then the DLQ, so that
        // an agent's repeated failure is seen there rather than lost among expired messages
        config.addAddressSetting("berth.agent.#", settings(COMMANDS_REDELIVERY));
        // the DLQ never gives up on its own messages: a replay or discard that rolls back leaves the letter in place
        config.addAddressSetting(Messages.DEAD_LETTER_QUEUE, settings(OTHER_REDELIVERY).setMaxDeliveryAttempts(-1));
        // queue name, not a pattern: agents' commands, results, and the dead-letter queue
        config.putSecurityRoles("berth.agent.#", Set.of(
                role(MANAGER_ROLE, true, false, true),
                role(AGENT_ROLE, false, true, false)));
        config.putSecurityRoles(Messages.RESULTS_QUEUE, Set.of(
                role(MANAGER_ROLE, true, true, true),
                role(AGENT_ROLE, true, false, false)));
        config.putSecurityRoles(Messages.PROVISIONING_QUEUE, Set.of(
                role(MANAGER_ROLE, false, true, false),
                new Role(PROVISIONER_ROLE, true, false, false, false, false, false, false, false, false, false, false,
                        false)));
        // durable reply queues of provisioning producers that want their replies across restarts: made and read by
        // the producer, written by the manager
        config.putSecurityRoles(Messages.PROVISIONING_REPLIES_PREFIX + "#", Set.of(
                role(MANAGER_ROLE, true, false, false),
                role(PROVISIONER_ROLE, false, true, false)));
        // everything else: the temporary reply queues of request/reply (logs, and the provisioning producers' replies,
        // each producer's own: BrokerAccounts narrows the provisioning account to them)
        config.putSecurityRoles("#", Set.of(
                new Role(MANAGER_ROLE, true, true, false, false, true, true, false, false, true, true, false, false),
                new Role(AGENT_ROLE, true, false, false, false, false, false, false, false, false, false, false,
                        false),
                new Role(PROVISIONER_ROLE, false, true, false, false, true, true, false, false, true, true, false,
                        false)));
        config.putSecurityRoles(Messages.DEAD_LETTER_QUEUE, Set.of(
                role(MANAGER_ROLE, true, true, true),
                role(AGENT_ROLE, true, false, false)));
        return config;
    }

    private static AddressSettings settings(Redelivery redelivery) {
        return new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(Messages.DEAD_LETTER_QUEUE))
                .setExpiryAddress(SimpleString.of(EXPIRED_QUEUE))
                .setAutoCreateDeadLetterResources(false)
                .setMaxDeliveryAttempts(redelivery.attempts())
                .setRedeliveryDelay(redelivery.delay().toMillis())
                .setRedeliveryMultiplier(redelivery.multiplier())
                .setMaxRedeliveryDelay(redelivery.maxDelay().toMillis())
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true)
                .setAutoDeleteQueues(false)
                .setAutoDeleteAddresses(false);
    }

    private boolean tls() {
        return tlsKeyStore.filter(path -> !path.isBlank()).isPresent();
    }

    /** A role that may create the (durable, anycast) queues it uses, never delete them. */
    private static Role role(String name, boolean send, boolean consume, boolean browse) {
        return new Role(name, send, consume, true, false, true, false, false, browse, true, false, false, false);
    }

    /**
     * Opens the broker to its clients on {@code berth.broker.bind}: the manager's own connection factories, the
     * agents, the provisioning producers. Called once the manager's own host is enrolled; again, it does nothing.
     */
    public void acceptClients() {
        ActiveMQServer server = broker == null ? null : broker.getActiveMQServer();
        if (server == null) {
            return;
        }
        Acceptor acceptor = server.getRemotingService().getAcceptor(ACCEPTOR);
        if (acceptor == null || acceptor.isStarted()) {
            return;
        }
        try {
            acceptor.start();
        } catch (Exception e) {
            throw new IllegalStateException("the embedded broker cannot listen at " + bind + ": " + e.getMessage(), e);
        }
        LOG.info(() -> "embedded Artemis broker listening at " + bind + (tls() ? " (TLS)" : ""));
    }

    /** Whether the broker this manager runs is up; true when it runs none (a standalone broker is configured). */
    public boolean active() {
        return !embedded || (broker != null && broker.getActiveMQServer() != null
                && broker.getActiveMQServer().isActive());
    }

    /** Messages the embedded broker delivered again after a rollback, since it started; 0 without one. */
    @Lock(LockType.READ)
    public long redeliveries() {
        return redeliveries.count();
    }

    /** Messages waiting in the dead-letter queue of the embedded broker; 0 without one. */
    @Lock(LockType.READ)
    public long deadLetters() {
        ActiveMQServer server = broker == null ? null : broker.getActiveMQServer();
        Queue queue = server == null ? null : server.locateQueue(SimpleString.of(Messages.DEAD_LETTER_QUEUE));
        return queue == null ? 0 : queue.getMessageCount();
    }

    /** Whether this manager runs the broker itself. */
    public boolean embedded() {
        return embedded;
    }

    /**
     * Leaves the broker running: it ends with the process. Stopped here, it went before the message-driven beans of
     * the local agent and the manager were deactivated, whose sessions then waited for it to come back, 30 s each
     * (the call timeout): Ctrl-C on {@code ./berth run} took 50 to 60 s. Ending with the process is what a crash
     * does, which the broker is made for: every message it acknowledged is in its journal already (synced before
     * the acknowledgement), and the next start reads the journal as after any stop.
     */
    @PreDestroy
    void detach() {
        sessions.attach(null);
    }
}
