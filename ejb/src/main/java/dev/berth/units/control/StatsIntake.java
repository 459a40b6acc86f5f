package dev.berth.units.control;

import dev.berth.agents.boundary.UnitsSampled;
import dev.berth.audit.control.AuditTrail;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.protocol.UnitStats;
import dev.berth.units.entity.StatsSample;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Keeps a round of an agent's samples, in the heartbeat's transaction: each sample of a unit on the agent's host.
 * A sample of a unit that is gone (deleted meanwhile) is dropped; one of a unit on another host is dropped and
 * audited as {@code agent.forged}, once per round.
 */
@Dependent
public class StatsIntake {

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditTrail audit;

    void take(@Observes UnitsSampled round) {
        List<Long> ids = round.samples().stream().map(UnitStats::unitId).distinct().toList();
        Map<Long, String> hostOf = em.createNamedQuery(StatsSample.HOSTS_OF_UNITS, Object[].class)
                .setParameter("ids", ids).getResultStream()
                .collect(Collectors.toMap(row -> (Long) row[0], row -> (String) row[1]));
        List<Long> elsewhere = ids.stream().filter(id -> hostOf.containsKey(id) && !round.host().equals(hostOf.get(id)))
                .toList();
        round.samples().stream().filter(s -> round.host().equals(hostOf.get(s.unitId())))
                .forEach(s -> em.persist(new StatsSample(s)));
        if (!elsewhere.isEmpty()) {
            audit.host(round.agent(), "agent.forged", round.host(), Outcome.FAILED, "samples for units " + elsewhere
                    + " of other hosts came from the agent of host " + round.host() + "; dropped");
        }
    }
}
