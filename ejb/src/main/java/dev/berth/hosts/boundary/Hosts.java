package dev.berth.hosts.boundary;

import dev.berth.audit.control.AuditTrail;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.hosts.entity.Host;
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

/** Hosts as their agents report them. */
@Stateless
public class Hosts {

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
                + "'; a host appears when its agent first reports (GET /api/hosts lists them)"));
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
        boolean wasOffline = !host.isOnline();
        host.heard(heartbeat);
        if (wasOffline) {
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
