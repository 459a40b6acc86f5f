package dev.berth.legacy.control;

import dev.berth.hosts.boundary.Hosts;
import dev.berth.hosts.entity.Host;
import dev.berth.hosts.entity.HostSettings;
import dev.berth.platform.entity.Actor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/**
 * The one place where the legacy import and export touch hosts: what docker_server.xml says about a host (address,
 * share, manager flag, communication port), read from the {@link Host} entity and written through {@link Hosts}, so
 * the checks and audit records of {@code POST/PUT /api/hosts} apply to imports as well. The host's port range is no
 * part of docker_server.xml and stays as it is.
 */
@Dependent
public class HostRecords {

    /** The guide's communication port, written when a host has none (Berth's agents talk over the broker). */
    public static final int GUIDE_COMM_PORT = 9001;

    /**
     * What docker_server.xml says about a host.
     *
     * @param share    the share directory; null: the agent's default
     * @param commPort the guide's communication port ({@link #GUIDE_COMM_PORT} when never given)
     */
    public record Facts(String address, String share, boolean manager, Integer commPort) {
    }

    @PersistenceContext
    EntityManager em;

    @EJB
    Hosts hosts;

    public List<Host> withAddress(String address) {
        return hosts.withAddress(address);
    }

    public Optional<Host> named(String name) {
        return hosts.find(name);
    }

    /** The host, other than {@code name}, that is the manager (entry machine), if any. */
    public Optional<Host> managerOtherThan(String name) {
        return em.createNamedQuery(Host.MANAGERS, Host.class).getResultStream()
                .filter(other -> !other.getName().equals(name))
                .findFirst();
    }

    public Facts factsOf(Host host) {
        return new Facts(host.getAddress(), host.getShareDir(), host.isManager(),
                host.getCommPort() == null ? GUIDE_COMM_PORT : host.getCommPort());
    }

    /** Defines a host its agent has not reported yet, with the whole port range. */
    public Host define(String name, Facts facts, Actor actor) {
        return hosts.define(name, new HostSettings(facts.address(), facts.share(), null, null, facts.manager(),
                facts.commPort()), actor);
    }

    /** Changes what docker_server.xml says about an existing host; its port range stays. */
    public void configure(Host host, Facts facts, Actor actor) {
        hosts.configure(host.getName(), new HostSettings(facts.address(), facts.share(), host.getPortMin(),
                host.getPortMax(), facts.manager(), facts.commPort()), actor);
    }
}
