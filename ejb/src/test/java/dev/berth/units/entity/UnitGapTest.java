package dev.berth.units.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.hosts.entity.Host;
import dev.berth.protocol.AgentResult;
import dev.berth.protocol.CommandType;
import dev.berth.protocol.ContainerReport;
import dev.berth.protocol.ContainerStatus;
import dev.berth.protocol.Heartbeat;
import dev.berth.protocol.Messages;
import dev.berth.protocol.ObservedState;
import dev.berth.users.entity.AppUser;
import dev.berth.users.entity.MemorySize;
import dev.berth.users.entity.Quota;
import dev.berth.users.entity.Role;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the reconciler finds between a unit's desired and observed state, by its restart policy. */
class UnitGapTest {

    private static final RestartRules RULES = new RestartRules(RestartPolicy.ON_FAILURE, 3, Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(60));

    private final Host host = new Host(new Heartbeat(Messages.VERSION, "h1", "127.0.0.1", "20.10", 2, 1L << 34, null,
            Instant.now(), null));
    private final AppUser owner = new AppUser("aaa", "A", "hash", Role.USER, MemorySize.parse("500m"), 512,
            "/data/homes/aaa", Quota.NONE);
    private final Unit unit = new Unit(owner, host, 8281, "berth/probe:1");
    private Instant clock = Instant.now();

    private void running() {
        unit.requestStart("c1");
        unit.observed(CommandType.START, new AgentResult(Messages.VERSION, "c1", 1, "h1",
                dev.berth.protocol.Outcome.SUCCEEDED, ObservedState.RUNNING, "abc", null, tick(), null));
    }

    private Instant tick() {
        clock = clock.plusMillis(10);
        return clock;
    }

    private void exited(int code, boolean oom) {
        unit.observe(new ContainerReport(1, "abc", ContainerStatus.EXITED, code, oom, null, "h", 8281, tick(),
                "out of memory"), tick());
    }

    @Test
    void aUnitAsWantedHasNoGap() {
        running();
        assertThat(unit.gap(RULES, clock)).isEqualTo(Gap.NONE);
    }

    @Test
    void aCrashUnderOnFailureBacksOffThenRestartsUpToTheLimitThenGivesUp() {
        running();
        exited(137, true);
        assertThat(unit.getObserved()).isEqualTo(Observed.EXITED);
        assertThat(unit.isStartable()).as("a person may start it again at once").isTrue();
        assertThat(unit.gap(RULES, clock)).isEqualTo(Gap.BACK_OFF);
        unit.backOff(RULES, clock);
        assertThat(unit.getNextRestartAt()).isEqualTo(clock.plusSeconds(2));
        assertThat(unit.gap(RULES, clock.plusSeconds(1))).isEqualTo(Gap.BACK_OFF);
        assertThat(unit.gap(RULES, clock.plusSeconds(2))).isEqualTo(Gap.RESTART);

        for (int restart = 1; restart <= 3; restart++) {
            unit.restarting("r" + restart);
            assertThat(unit.getRestarts()).isEqualTo(restart);
            unit.observed(CommandType.START, new AgentResult(Messages.VERSION, "r" + restart, 1, "h1",
                    dev.berth.protocol.Outcome.SUCCEEDED, ObservedState.RUNNING, "abc", null, tick(), null));
            exited(1, false);
            if (restart < 3) {
                unit.backOff(RULES, clock);
                assertThat(unit.getNextRestartAt()).as("doubling, at most the maximum")
                        .isEqualTo(clock.plusSeconds(Math.min(5, 2L << restart)));
            }
        }
        assertThat(unit.gap(RULES, clock)).isEqualTo(Gap.GIVE_UP);
        assertThat(unit.endStreak()).isEqualTo("137 (OOM), 1, 1");
    }

    @Test
    void anExitWithZeroUnderOnFailureIsDoneButAlwaysRestartsIt() {
        running();
        exited(0, false);
        assertThat(unit.gap(RULES, clock)).isEqualTo(Gap.DONE);

        unit.setRestartPolicy(RestartPolicy.ALWAYS);
        assertThat(unit.gap(RULES, clock)).isEqualTo(Gap.BACK_OFF);
    }

    @Test
    void aRemovedContainerIsReportedUnlessThePolicyIsAlways() {
        running();
        unit.observeMissing(tick());
        assertThat(unit.gap(RULES, clock)).isEqualTo(Gap.FAIL);
        assertThat(unit.exitText()).contains("removed outside Berth");

        unit.setRestartPolicy(RestartPolicy.ALWAYS);
        assertThat(unit.gap(RULES, clock)).isEqualTo(Gap.BACK_OFF);
    }

    @Test
    void neverLeavesACrashedUnitFailed() {
        unit.setRestartPolicy(RestartPolicy.NEVER);
        running();
        exited(1, false);
        assertThat(unit.gap(RULES, clock)).isEqualTo(Gap.FAIL);
        unit.failObserved(unit.exitText());
        assertThat(unit.getState()).isEqualTo(UnitState.FAILED);
        assertThat(unit.getLastError()).contains("code 1").contains("out of memory");
    }

    @Test
    void anObservationOlderThanTheLastResultIsIgnored() {
        Instant before = tick();
        running();
        boolean changed = unit.observe(new ContainerReport(1, "abc", ContainerStatus.EXITED, 1, false, null, "h", 8281,
                before, null), before);
        assertThat(changed).isFalse();
        assertThat(unit.getObserved()).isEqualTo(Observed.RUNNING);
    }

    @Test
    void theExitOfAPreviousContainerDoesNotCount() {
        running();
        unit.observe(new ContainerReport(1, "old", ContainerStatus.EXITED, 137, false, null, "h", 8281, tick(), null),
                tick());
        assertThat(unit.getObserved()).isEqualTo(Observed.RUNNING);
    }

    @Test
    void aFailedUnitWhoseContainerRunsIsAdopted() {
        running();
        unit.unanswered("no answer within 60 s");
        assertThat(unit.gap(RULES, clock)).isEqualTo(Gap.ADOPT);
        unit.adopt();
        assertThat(unit.getState()).isEqualTo(UnitState.RUNNING);
    }

    @Test
    void aStoppedUnitWhoseContainerRunsAgainIsAStray() {
        running();
        unit.requestStop("s1");
        unit.observed(CommandType.STOP, new AgentResult(Messages.VERSION, "s1", 1, "h1",
                dev.berth.protocol.Outcome.SUCCEEDED, ObservedState.STOPPED, "abc", null, tick(), null));
        assertThat(unit.gap(RULES, clock)).isEqualTo(Gap.NONE);
        unit.observe(new ContainerReport(1, "abc", ContainerStatus.RUNNING, null, false, null, "h", 8281, null, null),
                tick());
        assertThat(unit.gap(RULES, clock)).isEqualTo(Gap.STRAY);
    }

    @Test
    void nothingIsDoneWhileTheHostIsOffline() {
        running();
        exited(1, false);
        unit.observeUnknown();
        assertThat(unit.gap(RULES, clock)).isEqualTo(Gap.NONE);
    }

    @Test
    void aStreakEndsOnceTheUnitRanLongEnough() {
        running();
        exited(1, false);
        unit.restarting("r1");
        unit.observed(CommandType.START, new AgentResult(Messages.VERSION, "r1", 1, "h1",
                dev.berth.protocol.Outcome.SUCCEEDED, ObservedState.RUNNING, "abc", null, tick(), null));
        Instant now = Instant.now();
        assertThat(unit.gap(RULES, now)).isEqualTo(Gap.NONE);
        assertThat(unit.gap(RULES, now.plusSeconds(61))).isEqualTo(Gap.RECOVERED);
    }
}
