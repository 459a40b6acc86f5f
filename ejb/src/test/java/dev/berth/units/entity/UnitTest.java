package dev.berth.units.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.hosts.entity.Host;
import dev.berth.platform.entity.BerthException;
import dev.berth.protocol.AgentResult;
import dev.berth.protocol.CommandType;
import dev.berth.protocol.Heartbeat;
import dev.berth.protocol.Messages;
import dev.berth.protocol.ObservedState;
import dev.berth.users.entity.AppUser;
import dev.berth.users.entity.MemorySize;
import dev.berth.users.entity.Quota;
import dev.berth.users.entity.Role;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UnitTest {

    private final Host host = new Host(new Heartbeat(Messages.VERSION, "h1", "127.0.0.1", "20.10", 2, 1L << 34, null,
            Instant.now(), null));
    private final AppUser owner = new AppUser("aaa", "张三", "hash", Role.USER, MemorySize.parse("500m"), 512,
            "/data/homes/aaa", Quota.NONE);
    private final Unit unit = new Unit(owner, host, 8281, "berth/probe:1");

    @Test
    void namesItsContainerAfterOwnerAndPort() {
        assertThat(unit.containerName()).isEqualTo("berth-aaa-8281");
    }

    @Test
    void startsFromDefinedAndRunsOnceTheAgentSaysSo() {
        unit.requestStart("c1");
        assertThat(unit.getState()).isEqualTo(UnitState.STARTING);
        assertThat(unit.getDesiredState()).isEqualTo(DesiredState.RUNNING);

        unit.observed(CommandType.START, AgentResult.succeeded("c1", 1, "h1", ObservedState.RUNNING, "abc"));

        assertThat(unit.getState()).isEqualTo(UnitState.RUNNING);
        assertThat(unit.getContainerId()).isEqualTo("abc");
    }

    @Test
    void refusesToStartARunningUnit() {
        unit.requestStart("c1");
        unit.observed(CommandType.START, AgentResult.succeeded("c1", 1, "h1", ObservedState.RUNNING, "abc"));

        assertThatThrownBy(() -> unit.requestStart("c2"))
                .isInstanceOf(BerthException.class)
                .hasMessageContaining("is RUNNING");
    }

    @Test
    void refusesToStartOnAnOfflineHost() {
        host.markOffline();

        assertThatThrownBy(() -> unit.requestStart("c1"))
                .isInstanceOf(BerthException.class)
                .hasMessageContaining("host h1 is OFFLINE");
        assertThat(unit.getState()).isEqualTo(UnitState.DEFINED);
    }

    @Test
    void keepsTheAgentsReasonWhenAStartFails() {
        unit.requestStart("c1");

        unit.observed(CommandType.START, AgentResult.failed("c1", 1, "h1", null, "port 8281 is in use"));

        assertThat(unit.getState()).isEqualTo(UnitState.FAILED);
        assertThat(unit.getLastError()).isEqualTo("port 8281 is in use");
    }

    @Test
    void runsOnWithTheFailedUpdateSaidWhenThePreviousContainerRunsAgain() {
        unit.requestStart("c1");
        AgentResult rolledBack = AgentResult.rolledBack("c1", 1, "h1", "old", "the update of unit 1 failed: the"
                + " container exited with code 3\nThe previous container runs again.");

        unit.observed(CommandType.START, rolledBack);

        assertThat(Unit.isFailedUpdate(CommandType.START, rolledBack)).isTrue();
        assertThat(unit.getState()).isEqualTo(UnitState.RUNNING);
        assertThat(unit.getContainerId()).isEqualTo("old");
        assertThat(unit.getLastError()).contains("update of unit 1 failed").contains("previous container runs again");
    }

    @Test
    void aFailedStartWithoutAPreviousContainerIsNoFailedUpdate() {
        assertThat(Unit.isFailedUpdate(CommandType.START, AgentResult.failed("c1", 1, "h1", null, "no"))).isFalse();
        assertThat(Unit.isFailedUpdate(CommandType.START, AgentResult.succeeded("c1", 1, "h1",
                ObservedState.RUNNING, "abc"))).isFalse();
    }

    @Test
    void takesANewImageForItsNextStart() {
        assertThat(unit.changeImage("berth/probe:2")).isEqualTo("berth/probe:1");
        assertThat(unit.getImage()).isEqualTo("berth/probe:2");
    }

    @Test
    void onlyTheLatestCommandDecidesTheState() {
        unit.requestStart("c1");
        unit.requestStop("c2");

        assertThat(unit.isDecidedBy("c1")).isFalse();
        assertThat(unit.isDecidedBy("c2")).isTrue();
    }

    @Test
    void refusesToStopAUnitThatNeverStarted() {
        assertThatThrownBy(() -> unit.requestStop("c1")).hasMessageContaining("is DEFINED");
    }
}
