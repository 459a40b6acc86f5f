package dev.berth.system;

import dev.berth.protocol.Messages;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;

/**
 * A standalone broker for a Berth run with {@code BERTH_BROKER_EMBEDDED=false}, in a JVM of its own
 * ({@link StandaloneBrokerProcess}): Artemis with its journal in a directory, so that it can be stopped and started
 * again with its messages, configured as docs/agents.md says such a broker must be. One account per host, read from
 * a file ({@code accounts.properties}: {@code user=password}, owner-only): the manager's and {@code agent-<host>}
 * for every host; one security setting per host queue ({@code berth.agent.<host>}: consumed by that host's account
 * only, sent to by the manager); {@code berth.results} sent to by agents, consumed by the manager; every message
 * stamped with the account that sent it ({@code populate-validated-user}).
 * <p>
 * Arguments: the broker's directory (journal and the accounts file), the port on 127.0.0.1. Stops on SIGTERM.
 */
public final class StandaloneBroker {

    static final String MANAGER_ROLE = "manager";
    static final String AGENT_ROLE = "agent";
    static final String ACCOUNTS = "accounts.properties";

    private StandaloneBroker() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        Properties accounts = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve(ACCOUNTS))) {
            accounts.load(in);
        }
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ()
                .setConfiguration(configuration(dir, port, accounts.stringPropertyNames()))
                .setSecurityManager(new Accounts(accounts));
        broker.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.stop();
            } catch (Exception e) {
                System.err.println("the broker did not stop cleanly: " + e);
            } finally {
                stopped.countDown();
            }
        }));
        System.out.println("standalone broker up at tcp://127.0.0.1:" + port);
        stopped.await();
    }

    private static Configuration configuration(Path dir, int port, Set<String> users) throws Exception {
        Configuration config = new ConfigurationImpl()
                .setName("berth-standalone")
                .setPersistenceEnabled(true)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setLargeMessagesDirectory(dir.resolve("large-messages").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setSecurityEnabled(true)
                .setPopulateValidatedUser(true)
                .setRejectEmptyValidatedUser(true)
                .setJMXManagementEnabled(false)
                .addAcceptorConfiguration("berth", "tcp://127.0.0.1:" + port);
        config.addAddressSetting("#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(Messages.DEAD_LETTER_QUEUE))
                .setMaxDeliveryAttempts(3)
                .setRedeliveryDelay(1000)
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true)
                .setAutoDeleteQueues(false)
                .setAutoDeleteAddresses(false));
        // one setting per host's queue: consumed by that host's own account only, sent to by the manager
        for (String user : users) {
            Messages.hostOfAgent(user).ifPresent(host -> config.putSecurityRoles(Messages.agentQueue(host), Set.of(
                    role(MANAGER_ROLE, true, false, true),
                    role(user, false, true, false))));
        }
        config.putSecurityRoles(Messages.RESULTS_QUEUE, Set.of(
                role(MANAGER_ROLE, true, true, true),
                role(AGENT_ROLE, true, false, false)));
        config.putSecurityRoles(Messages.DEAD_LETTER_QUEUE, Set.of(
                role(MANAGER_ROLE, true, true, true),
                role(AGENT_ROLE, true, false, false)));
        // the manager's temporary reply queues (logs); agents answer on them
        config.putSecurityRoles("#", Set.of(
                new Role(MANAGER_ROLE, true, true, false, false, true, true, false, false, true, true, false, false),
                new Role(AGENT_ROLE, true, false, false, false, false, false, false, false, false, false, false,
                        false)));
        return config;
    }

    /** A role that may create the (durable, anycast) queues it uses, never delete them. */
    private static Role role(String name, boolean send, boolean consume, boolean browse) {
        return new Role(name, send, consume, true, false, true, false, false, browse, true, false, false, false);
    }

    /** The accounts of the file: the manager's role for the manager, the agent role and its own for a host's agent. */
    private static final class Accounts implements ActiveMQSecurityManager5 {

        private final Map<String, byte[]> passwords;

        Accounts(Properties accounts) {
            this.passwords = accounts.stringPropertyNames().stream().collect(Collectors.toMap(user -> user,
                    user -> accounts.getProperty(user).getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public Subject authenticate(String user, String password, RemotingConnection connection,
                                    String securityDomain) {
            byte[] expected = user == null ? null : passwords.get(user);
            if (expected == null || password == null
                    || !MessageDigest.isEqual(expected, password.getBytes(StandardCharsets.UTF_8))) {
                return null;
            }
            Subject subject = new Subject();
            subject.getPrincipals().add(new UserPrincipal(user));
            if (Messages.hostOfAgent(user).isPresent()) {
                subject.getPrincipals().add(new RolePrincipal(AGENT_ROLE));
                subject.getPrincipals().add(new RolePrincipal(user));
            } else {
                subject.getPrincipals().add(new RolePrincipal(MANAGER_ROLE));
            }
            return subject;
        }

        @Override
        public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
            if (subject == null || roles == null) {
                return false;
            }
            Set<String> held = new HashSet<>();
            subject.getPrincipals(RolePrincipal.class).forEach(role -> held.add(role.getName()));
            return roles.stream().anyMatch(role -> held.contains(role.getName()) && checkType.hasRole(role));
        }

        @Override
        public boolean validateUser(String user, String password) {
            return authenticate(user, password, null, null) != null;
        }

        @Override
        public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
            return authorize(authenticate(user, password, null, null), roles, checkType, null);
        }
    }
}
