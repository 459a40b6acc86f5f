package dev.berth.legacy.control;

import dev.berth.hosts.entity.Host;
import dev.berth.platform.entity.Actor;
import dev.berth.platform.entity.BerthException;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/**
 * The one place where the legacy import and export touch hosts: what docker_server.xml says about a host, read from
 * and written to the {@link Host} entity. Kept small on purpose, as the host model is growing admin-defined fields
 * (share directory, manager flag, communication port); only this class follows it.
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

    public List<Host> withAddress(String address) {
        return em.createQuery("select h from Host h where h.address = :address order by h.name", Host.class)
                .setParameter("address", address).getResultList();
    }

    public Optional<Host> named(String name) {
        return em.createNamedQuery(Host.BY_NAME, Host.class).setParameter("name", name).getResultStream().findFirst();
    }

    /** The host, other than {@code name}, that is the manager (entry machine), if any. */
    public Optional<Host> managerOtherThan(String name) {
        return Optional.empty();
    }

    public Facts factsOf(Host host) {
        return new Facts(host.getAddress(), null, false, GUIDE_COMM_PORT);
    }

    /** Defines a host an agent has not reported yet. */
    public Host define(String name, Facts facts, Actor actor) {
        throw notYet(name);
    }

    /** Changes what docker_server.xml says about an existing host. */
    public void configure(Host host, Facts facts, Actor actor) {
        throw notYet(host.getName());
    }

    private static BerthException notYet(String name) {
        return BerthException.conflict("host " + name + ": this Berth takes hosts only from their agents' reports and"
                + " cannot store a docker_server.xml's address, share or NodeType yet; start the host's agent"
                + " (BERTH_AGENT_HOST, BERTH_AGENT_ADDRESS) instead");
    }
}
