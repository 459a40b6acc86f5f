package dev.berth.drift.control;

import dev.berth.drift.entity.DriftKind;
import dev.berth.drift.entity.Finding;
import dev.berth.drift.entity.Remedy;
import dev.berth.protocol.SurveyReport;
import dev.berth.protocol.SurveyReport.NatRule;
import dev.berth.protocol.SurveyReport.SeenContainer;
import dev.berth.protocol.SurveyReport.UnitCheck;
import dev.berth.units.boundary.Units.Expectation;
import dev.berth.units.entity.DesiredState;
import dev.berth.units.entity.UnitState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Judges what an agent found on its host against the host's units, as Berth keeps them: the findings of drift, each
 * with its repair or the reason why only an operator can fix it.
 */
public final class Findings {

    /** A start or stop in flight: its container may change any moment, so nothing is judged of it. */
    private static final Set<UnitState> IN_FLIGHT = Set.of(UnitState.STARTING, UnitState.STOPPING);

    private Findings() {
    }

    /** The findings of one host, in a fixed order: containers first, then units by id, then nat rules. */
    public static List<Finding> judge(String host, List<Expectation> units, SurveyReport report) {
        Map<Long, Expectation> byId = units.stream().collect(Collectors.toMap(Expectation::unitId,
                Function.identity()));
        Map<Long, UnitCheck> checks = report.units().stream().collect(Collectors.toMap(UnitCheck::unitId,
                Function.identity(), (a, b) -> a));
        Set<Integer> heldPorts = units.stream().map(Expectation::port).collect(Collectors.toSet());
        List<Finding> findings = new ArrayList<>();
        List<String> orphans = new ArrayList<>();
        for (SeenContainer c : report.containers()) {
            if (c.unitId() == null || !byId.containsKey(c.unitId())) {
                orphans.add(c.id());
                findings.add(orphan(host, c, heldPorts));
            }
        }
        for (Expectation unit : units) {
            List<SeenContainer> own = report.containers().stream()
                    .filter(c -> c.unitId() != null && c.unitId() == unit.unitId()).toList();
            boolean inFlight = IN_FLIGHT.contains(unit.state());
            boolean shouldRun = !inFlight && unit.desired() == DesiredState.RUNNING
                    && (unit.state() == UnitState.RUNNING || unit.state() == UnitState.FAILED);
            String start = "start unit " + unit.unitId() + " (a normal start through Berth, which makes its"
                    + " container again)";
            if (shouldRun && own.isEmpty()) {
                findings.add(Finding.repairable(host, DriftKind.MISSING_CONTAINER, unit.unitId(), null, unit.port(),
                        "unit " + unit.unitId() + " of user " + unit.owner() + " is " + unit.state() + " and meant"
                                + " to run, but host " + host + " has no container of it",
                        Remedy.START_UNIT, start, null, null));
            } else if (shouldRun && own.stream().noneMatch(SeenContainer::running)) {
                SeenContainer c = own.get(0);
                findings.add(Finding.repairable(host, DriftKind.EXITED_CONTAINER, unit.unitId(), c.id(),
                        unit.port(), "unit " + unit.unitId() + " of user " + unit.owner() + " is " + unit.state()
                                + " and meant to run, but its container " + c.name() + " is " + c.state(),
                        Remedy.START_UNIT, start, null, null));
            }
            UnitCheck check = checks.get(unit.unitId());
            if (check == null) {
                continue;
            }
            if (check.expectedHash() != null && !inFlight) {
                for (SeenContainer c : own) {
                    if (check.expectedHash().equals(c.configHash())) {
                        continue;
                    }
                    String detail = "container " + c.name() + " of unit " + unit.unitId() + " was made with config"
                            + " hash " + c.configHash() + "; a start now gives " + check.expectedHash()
                            + " (its image, its user's limits or files, or the agent's rules changed)";
                    findings.add(shouldRun
                            ? Finding.repairable(host, DriftKind.CONFIG_CHANGED, unit.unitId(), c.id(), unit.port(),
                                    detail, Remedy.START_UNIT, start, null, null)
                            : Finding.manual(host, DriftKind.CONFIG_CHANGED, unit.unitId(), c.id(), unit.port(),
                                    detail, "unit " + unit.unitId() + " is " + unit.state() + " and not meant to"
                                            + " run: its next start makes the container again"));
                }
            }
            if (check.portHolder() != null) {
                boolean orphanHolds = check.holderId() != null && orphans.contains(check.holderId());
                findings.add(Finding.manual(host, DriftKind.PORT_HELD, unit.unitId(), check.holderId(), unit.port(),
                        "port " + unit.port() + " of unit " + unit.unitId() + " on host " + host + " is held by "
                                + check.portHolder(),
                        orphanHolds ? "repairing the finding of that orphan container frees the port"
                                : "only an operator can free it: stop what holds it, or give unit " + unit.unitId()
                                        + " another port"));
            }
        }
        for (NatRule rule : report.natRules()) {
            if (rule.containerId() != null) {
                continue;
            }
            Long unit = units.stream().filter(u -> u.port() == rule.port()).map(Expectation::unitId).findFirst()
                    .orElse(null);
            findings.add(Finding.repairable(host, DriftKind.STALE_DNAT, unit, null, rule.port(),
                    "a DNAT rule sends port " + rule.port() + " (unit " + unit + ") to " + rule.destination()
                            + ", where no running container is: " + rule.rule(),
                    Remedy.DELETE_NAT_RULE, "delete the nat rule (iptables -t nat -D" + rule.rule().substring(2)
                            + ")", rule.rule(), null));
        }
        return findings;
    }

    private static Finding orphan(String host, SeenContainer c, Set<Integer> heldPorts) {
        Integer closePort = c.port() != null && !heldPorts.contains(c.port()) ? c.port() : null;
        String why = c.unitId() == null ? "carries no unit id"
                : "names unit " + c.unitId() + ", which host " + host + " does not have (deleted, or never Berth's"
                        + " here)";
        return Finding.repairable(host, DriftKind.ORPHAN_CONTAINER, c.unitId(), c.id(), c.port(),
                "container " + c.name() + " (" + c.state() + ") is labelled as Berth's but " + why,
                Remedy.REMOVE_CONTAINER, "remove container " + c.name() + (closePort == null ? ""
                        : " and the firewall rules of port " + closePort), null, closePort);
    }
}
