package dev.berth.web.console;

import dev.berth.audit.boundary.AuditQuery;
import dev.berth.audit.boundary.AuditRecords;
import dev.berth.audit.entity.AuditRecord;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.hosts.boundary.Hosts;
import dev.berth.sessions.boundary.Sessions;
import dev.berth.sessions.boundary.Sessions.Snapshot;
import dev.berth.units.boundary.UnitOverview;
import dev.berth.units.entity.UnitState;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The admin's dashboard: hosts (state, Docker, what their running units take), units by state, recent failures,
 * the client sessions that live.
 * Read anew on every request; the page asks again when {@link ConsolePush} says something changed.
 */
@Named
@RequestScoped
public class DashboardPage {

    /** How many recent failures the dashboard lists. */
    static final int FAILURES = 8;

    @EJB
    Hosts hosts;

    @EJB
    UnitOverview units;

    @EJB
    AuditRecords audit;

    @EJB
    Sessions sessions;

    @Inject
    ConsoleSession session;

    private List<HostRow> rows;
    private Map<UnitState, Long> byState;
    private List<AuditRecord> failures;
    private List<Snapshot> live;

    public List<HostRow> getHosts() {
        if (rows == null) {
            rows = HostRow.all(hosts.all(), units.loadByHost());
        }
        return rows;
    }

    public long getOnline() {
        return getHosts().stream().filter(HostRow::isOnline).count();
    }

    /** Every unit state with its count, in the states' order. */
    public List<Map.Entry<UnitState, Long>> getUnitStates() {
        if (byState == null) {
            byState = units.byState();
        }
        return List.copyOf(byState.entrySet());
    }

    public long getUnitTotal() {
        return getUnitStates().stream().mapToLong(Map.Entry::getValue).sum();
    }

    /** The newest failed actions: commands that failed or went unanswered, refused agents, bad messages. */
    public List<AuditRecord> getFailures() {
        if (failures == null) {
            failures = audit.search(new AuditQuery(null, null, null, Outcome.FAILED, null, null), 0, FAILURES,
                    session.actor());
        }
        return failures;
    }

    /** The client sessions that live now, oldest first. */
    public List<Snapshot> getSessions() {
        if (live == null) {
            live = sessions.visibleTo(session.actor()).stream()
                    .sorted(Comparator.comparing(s -> s.session().getOpenedAt())).toList();
        }
        return live;
    }
}
