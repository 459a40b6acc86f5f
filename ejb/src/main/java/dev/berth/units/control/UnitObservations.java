package dev.berth.units.control;

import dev.berth.agents.boundary.HostObserved;
import dev.berth.audit.control.AuditTrail;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.hosts.boundary.HostStateChanged;
import dev.berth.hosts.entity.HostState;
import dev.berth.platform.entity.Actor;
import dev.berth.protocol.ContainerReport;
import dev.berth.protocol.ContainerStatus;
import dev.berth.protocol.Observation;
import dev.berth.units.entity.Observed;
import dev.berth.units.entity.Unit;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Records what the agents see of their containers as each unit's observed state, in the message's transaction; and
 * OFFLINE hosts' units as UNKNOWN. A report of a unit on another host than the agent's is ignored (an agent speaks
 * only for its own engine). The first whole inventory of a host after the manager started is compared with what was
 * recorded before, and the differences (what changed while Berth was away) are audited once as
 * {@code reconcile.report}.
 */
@Dependent
public class UnitObservations {

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    InventoriesSinceStart inventories;

    void take(@Observes HostObserved seen) {
        Observation observation = seen.observation();
        Map<Long, List<ContainerReport>> byUnit = observation.reports().stream()
                .collect(Collectors.groupingBy(ContainerReport::unitId));
        // an inventory concerns every unit of the host; an engine event only the units it reports
        List<Unit> units = observation.complete()
                ? em.createNamedQuery(Unit.ON_HOST, Unit.class).setParameter("host", seen.host()).getResultList()
                : byUnit.isEmpty() ? List.of()
                : em.createNamedQuery(Unit.ON_HOST_AMONG, Unit.class).setParameter("host", seen.host())
                        .setParameter("ids", byUnit.keySet()).getResultList();
        boolean firstSinceStart = observation.complete() && inventories.firstOf(seen.host());
        List<String> news = new ArrayList<>();
        int unchanged = 0;
        for (Unit unit : units) {
            List<ContainerReport> reports = byUnit.get(unit.getId());
            Observed before = unit.getObserved();
            boolean change;
            if (reports != null) {
                change = unit.observe(current(unit, reports), observation.at());
            } else if (observation.complete()) {
                change = unit.observeMissing(observation.at());
            } else {
                continue;
            }
            if (change) {
                // no UnitChanged: the lifecycle state is the reconciler's to change (and it says so when it does)
                news.add("unit " + unit.getId() + " (" + unit.getOwner().getName() + ":" + unit.getPort() + ") "
                        + (before == null ? "never seen" : before) + " -> " + describe(unit));
            } else {
                unchanged++;
            }
        }
        if (firstSinceStart) {
            audit.host(Actor.RECONCILER, "reconcile.report", seen.host(), Outcome.SUCCEEDED,
                    "the first inventory of host " + seen.host() + " since the manager started: "
                            + (news.isEmpty() ? "nothing changed" : String.join("; ", news)) + "; " + unchanged
                            + " unit(s) as recorded");
        }
    }

    /** The units of a host that went OFFLINE: nobody knows now what their containers do. */
    void hostChanged(@Observes HostStateChanged change) {
        if (change.after() == HostState.OFFLINE) {
            em.createNamedQuery(Unit.ON_HOST, Unit.class).setParameter("host", change.host()).getResultStream()
                    .forEach(Unit::observeUnknown);
        }
    }

    /** Of the containers a unit has (the current one and a previous one kept during an update), the one that counts. */
    private static ContainerReport current(Unit unit, List<ContainerReport> reports) {
        return reports.stream().filter(r -> r.containerId() != null && r.containerId().equals(unit.getContainerId()))
                .findFirst()
                .orElseGet(() -> reports.stream().min(Comparator.comparing(r -> r.status() != ContainerStatus.RUNNING))
                        .orElseThrow());
    }

    private static String describe(Unit unit) {
        return unit.getObserved() == Observed.EXITED
                ? "EXITED (code " + unit.getObservedExitCode() + (unit.isObservedOom() ? ", OOM" : "") + ")"
                : String.valueOf(unit.getObserved());
    }
}
