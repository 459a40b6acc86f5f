package dev.berth.drift.control;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a host's survey is judged against its units. */
class FindingsTest {

    private static Expectation unit(long id, int port, UnitState state, DesiredState desired) {
        return new Expectation(id, "aaa", port, state, desired, null, null);
    }

    private static SeenContainer container(String id, Long unit, boolean running, String hash, Integer port) {
        return new SeenContainer(id, "berth-aaa-" + port, unit, "aaa", running, running ? "running" : "exited",
                hash, port);
    }

    private static UnitCheck check(long unit, String hash) {
        return new UnitCheck(unit, hash, null, null, null);
    }

    private static List<Finding> judge(List<Expectation> units, List<SeenContainer> containers,
                                       List<UnitCheck> checks, List<NatRule> rules) {
        return Findings.judge("h1", units, new SurveyReport("h1", containers, checks, rules, null));
    }

    @Test
    void findsNothingWhenTheHostIsAsKept() {
        List<Finding> findings = judge(
                List.of(unit(1, 8281, UnitState.RUNNING, DesiredState.RUNNING),
                        unit(2, 8282, UnitState.STOPPED, DesiredState.STOPPED),
                        unit(3, 8283, UnitState.DEFINED, DesiredState.STOPPED)),
                List.of(container("c1", 1L, true, "h", 8281), container("c2", 2L, false, "h", 8282)),
                List.of(check(1, "h"), check(2, "h"), check(3, "h")),
                List.of(new NatRule("-A DOCKER -p tcp -m tcp --dport 8281 -j DNAT --to-destination 172.18.0.2:8281",
                        8281, "172.18.0.2:8281", "c1")));

        assertThat(findings).isEmpty();
    }

    @Test
    void findsAContainerWithoutUnitAndClosesItsPortOnlyWhenNoUnitHoldsIt() {
        List<Finding> findings = judge(List.of(unit(1, 8281, UnitState.STOPPED, DesiredState.STOPPED)),
                List.of(container("x", 99L, true, "h", 8290), container("y", null, false, null, 8281)),
                List.of(), List.of());

        assertThat(findings).extracting(Finding::kind).containsExactly(DriftKind.ORPHAN_CONTAINER,
                DriftKind.ORPHAN_CONTAINER);
        assertThat(findings.get(0).remedy()).isEqualTo(Remedy.REMOVE_CONTAINER);
        assertThat(findings.get(0).closePort()).isEqualTo(8290);
        assertThat(findings.get(0).repair()).contains("remove container berth-aaa-8290", "firewall rules of port 8290");
        assertThat(findings.get(1).closePort()).as("unit 1 holds 8281").isNull();
        assertThat(findings.get(1).detail()).contains("carries no unit id");
    }

    @Test
    void findsMissingAndExitedContainersOfUnitsMeantToRunOnly() {
        List<Finding> findings = judge(
                List.of(unit(1, 8281, UnitState.RUNNING, DesiredState.RUNNING),
                        unit(2, 8282, UnitState.FAILED, DesiredState.RUNNING),
                        unit(3, 8283, UnitState.STOPPED, DesiredState.STOPPED),
                        unit(4, 8284, UnitState.STARTING, DesiredState.RUNNING),
                        unit(5, 8285, UnitState.DEFINED, DesiredState.STOPPED)),
                List.of(container("c2", 2L, false, "h", 8282), container("c3", 3L, false, "h", 8283)),
                List.of(), List.of());

        assertThat(findings).extracting(Finding::kind, Finding::unit, Finding::remedy).containsExactly(
                org.assertj.core.groups.Tuple.tuple(DriftKind.MISSING_CONTAINER, 1L, Remedy.START_UNIT),
                org.assertj.core.groups.Tuple.tuple(DriftKind.EXITED_CONTAINER, 2L, Remedy.START_UNIT));
        assertThat(findings.get(1).container()).isEqualTo("c2");
    }

    @Test
    void findsAChangedConfigHashRepairableOnlyForAUnitMeantToRun() {
        List<Finding> findings = judge(
                List.of(unit(1, 8281, UnitState.RUNNING, DesiredState.RUNNING),
                        unit(2, 8282, UnitState.STOPPED, DesiredState.STOPPED),
                        unit(3, 8283, UnitState.RUNNING, DesiredState.RUNNING)),
                List.of(container("c1", 1L, true, "old", 8281), container("c2", 2L, false, "old", 8282),
                        container("c3", 3L, true, "old", 8283)),
                List.of(check(1, "new"), check(2, "new"), new UnitCheck(3, null, "image not loaded", null, null)),
                List.of());

        assertThat(findings).extracting(Finding::kind).containsOnly(DriftKind.CONFIG_CHANGED).hasSize(2);
        assertThat(findings.get(0).remedy()).isEqualTo(Remedy.START_UNIT);
        assertThat(findings.get(0).detail()).contains("hash old", "gives new");
        assertThat(findings.get(1).remedy()).isEqualTo(Remedy.NONE);
        assertThat(findings.get(1).repair()).isNull();
        assertThat(findings.get(1).noRepair()).contains("next start");
    }

    @Test
    void findsAHeldPortWhichOnlyAnOperatorFrees() {
        List<Finding> findings = judge(
                List.of(unit(1, 8281, UnitState.STOPPED, DesiredState.STOPPED),
                        unit(2, 8282, UnitState.STOPPED, DesiredState.STOPPED)),
                List.of(container("orphan", 77L, true, "h", 8282)),
                List.of(new UnitCheck(1, null, null, "a process on host h1 outside its containers", null),
                        new UnitCheck(2, null, null, "container berth-x (orphan) of unit 77", "orphan")),
                List.of());

        assertThat(findings).extracting(Finding::kind).containsExactly(DriftKind.ORPHAN_CONTAINER,
                DriftKind.PORT_HELD, DriftKind.PORT_HELD);
        assertThat(findings.get(1).repair()).isNull();
        assertThat(findings.get(1).noRepair()).contains("only an operator");
        assertThat(findings.get(2).noRepair()).contains("orphan container");
    }

    @Test
    void findsADnatRuleNoRunningContainerExplains() {
        String rule = "-A DOCKER -p tcp -m tcp --dport 8281 -j DNAT --to-destination 172.17.0.250:8281";
        List<Finding> findings = judge(List.of(unit(1, 8281, UnitState.STOPPED, DesiredState.STOPPED)), List.of(),
                List.of(), List.of(new NatRule(rule, 8281, "172.17.0.250:8281", null)));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(DriftKind.STALE_DNAT);
            assertThat(f.unit()).isEqualTo(1L);
            assertThat(f.natRule()).isEqualTo(rule);
            assertThat(f.repair()).contains("iptables -t nat -D DOCKER -p tcp");
        });
    }

    @Test
    void keepsAFindingsIdWhileItLastsAndTellsFindingsApart() {
        List<Expectation> units = List.of(unit(1, 8281, UnitState.RUNNING, DesiredState.RUNNING));
        String first = judge(units, List.of(), List.of(), List.of()).get(0).id();

        assertThat(judge(units, List.of(), List.of(), List.of()).get(0).id()).isEqualTo(first);
        assertThat(Findings.judge("h2", units, new SurveyReport("h2", List.of(), List.of(), List.of(), null)).get(0)
                .id()).isNotEqualTo(first);
    }
}
