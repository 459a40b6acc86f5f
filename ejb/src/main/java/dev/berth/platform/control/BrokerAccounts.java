package dev.berth.platform.control;

import dev.berth.protocol.Messages;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;

/**
 * Who may log in to the embedded broker, and what each account may do.
 * <p>
 * The manager's account comes from configuration. Every host's agent has an account of its own,
 * {@code agent-<host>}, checked against the host table at each login ({@code agentLogin}, which caches the slow
 * hash check), so that enrolling, re-keying and removing hosts take effect without a broker restart.
 * <p>
 * Permissions are the broker's security settings (by role: {@link #MANAGER_ROLE}, {@link #AGENT_ROLE}) narrowed by
 * the account: an agent touches no other host's queue {@code berth.agent.<other>} in any way (consume, browse,
 * send, create); the provisioning account ({@link #PROVISIONER_ROLE}, when a password is configured) only sends to
 * {@code berth.provisioning} and uses its own temporary reply queues. The broker stamps each message with the account that sent it ({@link Messages#SENDER}), which is
 * what the manager trusts.
 */
public final class BrokerAccounts implements ActiveMQSecurityManager5 {

    public static final String MANAGER_ROLE = "manager";
    public static final String AGENT_ROLE = "agent";
    public static final String PROVISIONER_ROLE = "provisioner";
    /** A temporary queue's name, as the JMS client makes it: a random UUID. */
    private static final Pattern TEMPORARY = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** What a provisioning producer does with its temporary reply queues. */
    private static final Set<CheckType> ON_REPLY_QUEUES = EnumSet.of(CheckType.CREATE_NON_DURABLE_QUEUE,
            CheckType.DELETE_NON_DURABLE_QUEUE, CheckType.CREATE_ADDRESS, CheckType.DELETE_ADDRESS, CheckType.CONSUME);

    private static final Logger LOG = Logger.getLogger(BrokerAccounts.class.getName());

    private final String managerUser;
    private final byte[] managerPassword;
    private final BiPredicate<String, String> agentLogin;
    private final String provisionerUser;
    private final byte[] provisionerPassword;

    /**
     * @param agentLogin whether a password is the current one of a host's agent account: (host, password)
     */
    public BrokerAccounts(String managerUser, String managerPassword, BiPredicate<String, String> agentLogin) {
        this(managerUser, managerPassword, agentLogin, null, Optional.empty());
    }

    /**
     * @param provisionerUser     the provisioning producers' account
     * @param provisionerPassword its password; empty: no such account
     */
    public BrokerAccounts(String managerUser, String managerPassword, BiPredicate<String, String> agentLogin,
                          String provisionerUser, Optional<String> provisionerPassword) {
        this.managerUser = Objects.requireNonNull(managerUser, "managerUser");
        this.managerPassword = Objects.requireNonNull(managerPassword, "managerPassword")
                .getBytes(StandardCharsets.UTF_8);
        this.agentLogin = Objects.requireNonNull(agentLogin, "agentLogin");
        this.provisionerUser = provisionerPassword.isPresent() ? provisionerUser : null;
        this.provisionerPassword = provisionerPassword.map(p -> p.getBytes(StandardCharsets.UTF_8)).orElse(null);
        if (this.provisionerUser != null && (this.provisionerUser.equals(managerUser)
                || Messages.hostOfAgent(this.provisionerUser).isPresent())) {
            throw new IllegalArgumentException("the provisioning account '" + provisionerUser + "' is the manager's"
                    + " or looks like a host's agent account; choose another BERTH_BROKER_PROVISIONER_USER");
        }
        if (Messages.hostOfAgent(managerUser).isPresent()) {
            throw new IllegalArgumentException("the manager's broker user '" + managerUser + "' looks like a host's"
                    + " agent account (agent-<host>); choose another BERTH_BROKER_MANAGER_USER");
        }
    }

    @Override
    public Subject authenticate(String user, String password, RemotingConnection connection, String securityDomain) {
        if (user == null || password == null) {
            return null;
        }
        if (user.equals(managerUser)) {
            return MessageDigest.isEqual(managerPassword, password.getBytes(StandardCharsets.UTF_8))
                    ? subject(user, MANAGER_ROLE) : null;
        }
        if (user.equals(provisionerUser)) {
            return MessageDigest.isEqual(provisionerPassword, password.getBytes(StandardCharsets.UTF_8))
                    ? subject(user, PROVISIONER_ROLE) : null;
        }
        Optional<String> host = Messages.hostOfAgent(user);
        if (host.isEmpty()) {
            return null;
        }
        try {
            return agentLogin.test(host.get(), password) ? subject(user, AGENT_ROLE) : null;
        } catch (RuntimeException e) {
            // the manager's database is not reachable (start-up, shutdown): no login now, the agent retries
            LOG.log(Level.WARNING, "cannot check the broker login of {0} now: {1}", new Object[] {user, e.toString()});
            return null;
        }
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        if (subject == null || roles == null) {
            return false;
        }
        Set<String> held = subject.getPrincipals(RolePrincipal.class).stream().map(RolePrincipal::getName)
                .collect(Collectors.toSet());
        boolean granted = roles.stream().anyMatch(role -> held.contains(role.getName()) && checkType.hasRole(role));
        return granted && withinOwnHost(userOf(subject), address)
                && (!held.contains(PROVISIONER_ROLE) || provisionerMay(checkType, address));
    }

    /**
     * The provisioning account sends to {@link Messages#PROVISIONING_QUEUE} and uses its temporary reply queues;
     * nothing else, whatever the roles say.
     */
    static boolean provisionerMay(CheckType checkType, String address) {
        if (address == null) {
            return false;
        }
        int separator = address.indexOf("::");
        String bare = separator < 0 ? address : address.substring(0, separator);
        if (bare.equals(Messages.PROVISIONING_QUEUE)) {
            return checkType == CheckType.SEND;
        }
        return TEMPORARY.matcher(bare).matches() && ON_REPLY_QUEUES.contains(checkType);
    }

    /**
     * An agent account reaches no other host's command queue; every other account and address is left to the
     * roles.
     */
    static boolean withinOwnHost(String user, String address) {
        Optional<String> agentOf = Messages.hostOfAgent(user);
        if (agentOf.isEmpty() || address == null) {
            return true;
        }
        // a fully qualified queue name (address::queue) is judged by its address
        int separator = address.indexOf("::");
        String bare = separator < 0 ? address : address.substring(0, separator);
        return Messages.hostOfAgentQueue(bare).map(agentOf.get()::equals).orElse(true);
    }

    private static String userOf(Subject subject) {
        return subject.getPrincipals(UserPrincipal.class).stream().map(UserPrincipal::getName).findFirst()
                .orElse(null);
    }

    private static Subject subject(String user, String role) {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user));
        subject.getPrincipals().add(new RolePrincipal(role));
        return subject;
    }

    /** Not called: the broker uses {@link #authenticate} of the fifth version of this interface. */
    @Override
    public boolean validateUser(String user, String password) {
        return authenticate(user, password, null, null) != null;
    }

    /** Not called: the broker uses {@link #authorize} of the fifth version of this interface. */
    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        Subject subject = authenticate(user, password, null, null);
        return subject != null && authorize(subject, roles, checkType, null);
    }
}
