package dev.berth.units.boundary;

import dev.berth.units.entity.Unit;
import dev.berth.units.entity.UnitState;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Units as an admin's overview sees them: how many in each state, a user's or a host's units, and what the units that
 * hold resources take of each host. Read only; admins' pages call it (users see their units through {@link Units}).
 */
@Stateless
public class UnitOverview {

    /** States in which a unit holds its memory and CPU shares on its host. */
    static final List<UnitState> HOLDING = List.of(UnitState.STARTING, UnitState.RUNNING);

    /**
     * What the units that run or start on one host take.
     *
     * @param units       units defined on the host, whatever their state
     * @param holding     units running or starting there
     * @param memoryBytes the memory limits of the holding units together
     * @param cpuShares   the CPU shares of the holding units together
     */
    public record HostLoad(long units, long holding, long memoryBytes, long cpuShares) {

        public static final HostLoad NONE = new HostLoad(0, 0, 0, 0);
    }

    @PersistenceContext
    EntityManager em;

    /** Every state with its number of units, states without units as 0. */
    public Map<UnitState, Long> byState() {
        Map<UnitState, Long> counts = new EnumMap<>(UnitState.class);
        for (UnitState state : UnitState.values()) {
            counts.put(state, 0L);
        }
        em.createQuery("select u.state, count(u) from Unit u group by u.state", Object[].class).getResultStream()
                .forEach(row -> counts.put((UnitState) row[0], (Long) row[1]));
        return counts;
    }

    /** The user's units, by id. */
    public List<Unit> ofOwner(String user) {
        return em.createNamedQuery(Unit.OF_OWNER, Unit.class).setParameter("owner", user).getResultList();
    }

    /** The host's units, by port. */
    public List<Unit> onHost(String host) {
        return em.createQuery("select u from Unit u join fetch u.owner where u.host.name = :host order by u.port",
                Unit.class).setParameter("host", host).getResultList();
    }

    /** Each host's load by host name; hosts without units are absent. */
    public Map<String, HostLoad> loadByHost() {
        Map<String, Long> units = new HashMap<>();
        em.createQuery("select u.host.name, count(u) from Unit u group by u.host.name", Object[].class)
                .getResultStream().forEach(row -> units.put((String) row[0], (Long) row[1]));
        Map<String, HostLoad> loads = new HashMap<>();
        units.forEach((host, count) -> loads.put(host, new HostLoad(count, 0, 0, 0)));
        em.createQuery("""
                        select u.host.name, count(u), sum(u.owner.memoryBytes), sum(u.owner.cpuShares) from Unit u
                        where u.state in :holding group by u.host.name""", Object[].class)
                .setParameter("holding", HOLDING).getResultStream()
                .forEach(row -> loads.put((String) row[0], new HostLoad(units.getOrDefault((String) row[0], 0L),
                        (Long) row[1], ((Number) row[2]).longValue(), ((Number) row[3]).longValue())));
        return loads;
    }
}
