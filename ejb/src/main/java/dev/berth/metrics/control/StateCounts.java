package dev.berth.metrics.control;

import dev.berth.hosts.entity.Host;
import dev.berth.units.entity.Unit;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How many units and hosts are in each state now: one grouped count each, read in a transaction of its own. */
@Stateless
public class StateCounts {

    @PersistenceContext
    EntityManager em;

    /** Units by state name; states without units are absent. */
    public Map<String, Long> units() {
        return byState("select u.state, count(u) from " + Unit.class.getSimpleName() + " u group by u.state");
    }

    /** Hosts by state name; states without hosts are absent. */
    public Map<String, Long> hosts() {
        return byState("select h.state, count(h) from " + Host.class.getSimpleName() + " h group by h.state");
    }

    private Map<String, Long> byState(String query) {
        List<Object[]> rows = em.createQuery(query, Object[].class).getResultList();
        Map<String, Long> counts = new HashMap<>();
        for (Object[] row : rows) {
            counts.put(String.valueOf(row[0]), (Long) row[1]);
        }
        return counts;
    }
}
