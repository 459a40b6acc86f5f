package dev.berth.hosts.boundary;

import dev.berth.audit.control.AuditTrail;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.hosts.entity.Host;
import dev.berth.hosts.entity.HostSettings;
import dev.berth.hosts.entity.HostState;
import dev.berth.platform.entity.Actor;
import dev.berth.platform.entity.BerthException;
import dev.berth.protocol.Heartbeat;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Hosts as admins define them and as their agents report them. */
@Stateless
public class Hosts {

    /** Host names are part of queue names ({@code berth.agent.<host>}) and container labels. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditTrail audit;

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

    /** Defines a host before (or without) its agent reporting; refused when the name is known. */
    public Host define(String name, HostSettings settings, Actor actor) {
        actor.requireAdmin("define hosts");
        if (name == null || !NAME.matcher(name).matches()) {
            throw BerthException.invalid("host name '" + name + "' is not valid: use 1 to 128 letters, digits, '.',"
                    + " '_' or '-', starting with a letter or digit");
        }
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
        actor.requireAdmin("change hosts");
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
            audit.host(Actor.agent(heartbeat.host()), "host.register", heartbeat.host(), Outcome.SUCCEEDED,
                    "address " + heartbeat.address() + ", docker " + heartbeat.dockerVersion());
            return;
        }
        Host host = known.get();
        HostState before = host.getState();
        host.heard(heartbeat);
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
            audit.host(Actor.SYSTEM, "host.offline", host.getName(), Outcome.SUCCEEDED,
                    "no heartbeat since " + host.getLastSeen());
        }
        return silent.size();
    }
}
