package dev.berth.hosts.boundary;

import dev.berth.audit.control.AuditTrail;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.hosts.entity.AgentCredentials;
import dev.berth.hosts.entity.Host;
import dev.berth.hosts.entity.HostSettings;
import dev.berth.hosts.entity.HostState;
import dev.berth.platform.entity.Actor;
import dev.berth.platform.entity.AgentAccountIssued;
import dev.berth.platform.entity.AgentAccountRevoked;
import dev.berth.platform.entity.BerthException;
import dev.berth.protocol.Heartbeat;
import dev.berth.protocol.Messages;
import dev.berth.users.control.PasswordHashing;
import dev.berth.users.control.VerifiedPasswords;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Hosts as admins define them and as their agents report them, and their agents' broker accounts: enrolling a host
 * issues its agent a password once (only its hash is kept); re-keying or removing the host revokes it.
 */
@Stateless
public class Hosts {

    /** Host names are part of queue names ({@code berth.agent.<host>}) and container labels. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    PasswordHashing hashing;

    @Inject
    VerifiedPasswords verified;

    @Inject
    Event<AgentAccountRevoked> revoked;

    @Inject
    Event<AgentAccountIssued> issued;

    @Inject
    Event<HostRemoval> removalEvents;

    @Inject
    Event<HostStateChanged> stateChanges;

    private static final SecureRandom RANDOM = new SecureRandom();

    public List<Host> all() {
        return em.createNamedQuery(Host.ALL, Host.class).getResultList();
    }

    public Optional<Host> find(String name) {
        return em.createNamedQuery(Host.BY_NAME, Host.class).setParameter("name", name).getResultStream().findFirst();
    }

    public Host get(String name) {
        return find(name).orElseThrow(() -> BerthException.notFound("no host named '" + name
                + "'; define it (POST /api/hosts) or start its agent (GET /api/hosts lists them)"));
    }

    /** The hosts with this address (several agents may share a machine's address, on different ports). */
    public List<Host> withAddress(String address) {
        return em.createNamedQuery(Host.BY_ADDRESS, Host.class).setParameter("address", address).getResultList();
    }

    /**
     * Gives the host's agent a broker account with a new password, answered here once; a host not known yet is
     * defined (DEFINED, its address the agent's to report). Re-keying an enrolled host revokes its old password and
     * ends the sessions logged in with it.
     */
    public AgentCredentials enroll(String name, Actor actor) {
        checkName(name);
        String password = generatePassword();
        Host host = find(name).orElseGet(() -> {
            Host fresh = Host.enrolled(name);
            em.persist(fresh);
            return fresh;
        });
        boolean rekey = host.isEnrolled();
        key(host, password);
        audit.host(actor, rekey ? "host.rekey" : "host.enroll", name, Outcome.SUCCEEDED, rekey
                ? "new broker password for " + Messages.agentUser(name) + "; the old one is revoked"
                : "broker account " + Messages.agentUser(name) + " issued");
        return new AgentCredentials(name, Messages.agentUser(name), password);
    }

    /**
     * Enrolls the manager's own host (the agent in the manager's process) with the password the launcher generated,
     * unless the host is enrolled already: an admin's later re-key is never undone by a restart.
     *
     * @return whether the host was enrolled now
     */
    public boolean enrollLocal(String name, String password) {
        checkName(name);
        Host host = find(name).orElseGet(() -> {
            Host fresh = Host.enrolled(name);
            em.persist(fresh);
            return fresh;
        });
        if (host.isEnrolled()) {
            return false;
        }
        key(host, password);
        audit.host(Actor.SYSTEM, "host.enroll", name, Outcome.SUCCEEDED, "the manager's own host: broker account "
                + Messages.agentUser(name) + " with the launcher's generated password (secrets.env)");
        return true;
    }

    private void key(Host host, String password) {
        String user = Messages.agentUser(host.getName());
        boolean rekey = host.isEnrolled();
        host.keyAgent(hashing.hash(password));
        verified.forget(user);
        if (rekey) {
            revoked.fire(new AgentAccountRevoked(user));
        } else {
            issued.fire(new AgentAccountIssued(user));
        }
    }

    /**
     * Removes a host that has no units (the units component refuses otherwise, see {@link HostRemoval}), and its
     * agent's broker account (its sessions end). Its commands and audit records stay.
     */
    public void remove(String name, Actor actor) {
        Host host = get(name);
        removalEvents.fire(new HostRemoval(name, actor));
        boolean enrolled = host.isEnrolled();
        em.remove(host);
        verified.forget(Messages.agentUser(name));
        if (enrolled) {
            revoked.fire(new AgentAccountRevoked(Messages.agentUser(name)));
        }
        audit.host(actor, "host.remove", name, Outcome.SUCCEEDED, enrolled
                ? "removed; broker account " + Messages.agentUser(name) + " revoked"
                : "removed (it had no agent account)");
    }

    /**
     * Whether {@code password} is the current one of {@code host}'s agent account; false for an unknown host. Called
     * by the broker at each login, outside any transaction.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean agentLogin(String host, String password) {
        return find(host).flatMap(Host::agentPasswordHash)
                .map(hash -> verified.matches(Messages.agentUser(host), password, hash))
                .orElse(false);
    }

    private static String generatePassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw BerthException.invalid("host name '" + name + "' is not valid: use 1 to 128 letters, digits, '.',"
                    + " '_' or '-', starting with a letter or digit");
        }
    }

    /** Defines a host before (or without) its agent reporting; refused when the name is known. */
    public Host define(String name, HostSettings settings, Actor actor) {
        checkName(name);
        HostSettings checked = checked(settings, name);
        if (find(name).isPresent()) {
            throw BerthException.conflict("host '" + name + "' exists already; change it with PUT /api/hosts/" + name);
        }
        Host host = new Host(name, checked);
        em.persist(host);
        audit.host(actor, "host.define", name, Outcome.SUCCEEDED, describe(checked));
        return host;
    }

    /** Changes an existing host's settings; its units keep their ports (a narrower range applies to new units). */
    public Host configure(String name, HostSettings settings, Actor actor) {
        Host host = get(name);
        HostSettings checked = checked(settings, name);
        host.configure(checked);
        audit.host(actor, "host.configure", name, Outcome.SUCCEEDED, describe(checked));
        return host;
    }

    private HostSettings checked(HostSettings settings, String name) {
        if (settings == null) {
            throw BerthException.invalid("the request body is missing: send {\"address\",\"shareDir\"?,"
                    + "\"portMin\"?,\"portMax\"?,\"manager\"?}");
        }
        HostSettings checked = settings.checked();
        if (checked.manager()) {
            em.createNamedQuery(Host.MANAGERS, Host.class).getResultStream()
                    .filter(other -> !other.getName().equals(name))
                    .findFirst()
                    .ifPresent(other -> {
                        throw BerthException.conflict("host " + other.getName() + " is the manager (entry machine)"
                                + " already; there is one: clear its flag first");
                    });
        }
        return checked;
    }

    private static String describe(HostSettings s) {
        return "address " + s.address() + ", share " + (s.shareDir() == null ? "(agent's default)" : s.shareDir())
                + ", ports " + s.portMin() + ".." + s.portMax() + (s.manager() ? ", manager" : "");
    }

    /** Registers the host on its first heartbeat; brings it back ONLINE after silence. */
    public void heard(Heartbeat heartbeat) {
        Optional<Host> known = find(heartbeat.host());
        if (known.isEmpty()) {
            em.persist(new Host(heartbeat));
            stateChanges.fire(new HostStateChanged(heartbeat.host(), null, HostState.ONLINE));
            audit.host(Actor.agent(heartbeat.host()), "host.register", heartbeat.host(), Outcome.SUCCEEDED,
                    "address " + heartbeat.address() + ", docker " + heartbeat.dockerVersion());
            return;
        }
        Host host = known.get();
        HostState before = host.getState();
        host.heard(heartbeat);
        if (before != host.getState()) {
            stateChanges.fire(new HostStateChanged(host.getName(), before, host.getState()));
        }
        if (before == HostState.DEFINED) {
            audit.host(Actor.agent(heartbeat.host()), "host.register", host.getName(), Outcome.SUCCEEDED,
                    "the agent of a defined host reports: docker " + heartbeat.dockerVersion());
        } else if (before == HostState.OFFLINE) {
            audit.host(Actor.agent(heartbeat.host()), "host.online", host.getName(), Outcome.SUCCEEDED,
                    "heartbeat again after silence");
        }
    }

    /** Marks OFFLINE every ONLINE host not heard from within {@code silence}. */
    public int markSilentOffline(Duration silence) {
        List<Host> silent = em.createNamedQuery(Host.SILENT, Host.class)
                .setParameter("online", HostState.ONLINE)
                .setParameter("before", Instant.now().minus(silence))
                .getResultList();
        for (Host host : silent) {
            host.markOffline();
            stateChanges.fire(new HostStateChanged(host.getName(), HostState.ONLINE, HostState.OFFLINE));
            audit.host(Actor.SYSTEM, "host.offline", host.getName(), Outcome.SUCCEEDED,
                    "no heartbeat since " + host.getLastSeen());
        }
        return silent.size();
    }
}
