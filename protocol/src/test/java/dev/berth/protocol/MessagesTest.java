package dev.berth.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessagesTest {

    private static AgentCommand start(String image) {
        return new AgentCommand(Messages.VERSION, "c-1", CommandType.START, 7, "aaa",
                new ContainerSpec("berth-aaa-8281", image, 8281, 512L * 1024 * 1024, 512, "/data/homes/aaa",
                        "/data/share", Map.of("unitServer.xml", "<SERVER Version=\"3\"><!-- 张三 --></SERVER>"),
                        20001, 512, 4096, List.of("127.0.0.0/8", "10.1.0.0/16"), 1L << 30,
                        List.of("10.2.0.7:8282"), List.of("10.2.0.7")),
                30, null, null);
    }

    @Test
    void roundTripsACommandThroughJson() {
        AgentCommand command = start("berth/probe:1");

        AgentCommand back = Messages.fromJson(Messages.toJson(command), AgentCommand.class);

        assertThat(back).isEqualTo(command);
        assertThat(back.validated()).isSameAs(back);
    }

    @Test
    void refusesAUnitThatWouldRunAsRootOrAnUnreadableNetwork() {
        ContainerSpec spec = start("berth/probe:1").container();
        AgentCommand root = new AgentCommand(Messages.VERSION, "c-3", CommandType.START, 7, "aaa",
                new ContainerSpec(spec.name(), spec.image(), spec.port(), spec.memoryBytes(), spec.cpuShares(),
                        spec.home(), null, Map.of(), 0, 512, 4096, List.of("10.0.0.0/33"), 0, List.of("10.2.0.7"),
                        List.of()), 30, null, null);

        assertThatThrownBy(root::validated)
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("container.uid must be an unprivileged uid")
                .hasMessageContaining("'10.0.0.0/33' is no IPv4 network")
                .hasMessageContaining("'10.2.0.7' is no IPv4 address:port");
    }

    @Test
    void refusesAConfigFileThatIsAPath() {
        ContainerSpec spec = start("berth/probe:1").container();
        AgentCommand sneaky = new AgentCommand(Messages.VERSION, "c-2", CommandType.START, 7, "aaa",
                new ContainerSpec(spec.name(), spec.image(), spec.port(), spec.memoryBytes(), spec.cpuShares(),
                        spec.home(), null, Map.of("../../etc/cron.d/x", "boom"), 20001, 512, 4096, List.of(), 0,
                        List.of(), List.of()), 30,
                null, null);

        assertThatThrownBy(sneaky::validated)
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("'../../etc/cron.d/x' is no plain file name");
    }

    @Test
    void roundTripsAFollowedLogsRequestAndItsChunks() {
        AgentCommand follow = new AgentCommand(Messages.VERSION, "c-2", CommandType.LOGS, 7, "aaa", null, 0,
                new LogRequest(10, 0, true, true), null);
        UnitLogs chunk = UnitLogs.chunk(7, 3, "line\n", false);

        assertThat(Messages.fromJson(Messages.toJson(follow), AgentCommand.class).validated()).isEqualTo(follow);
        assertThat(Messages.fromJson(Messages.toJson(chunk), UnitLogs.class)).isEqualTo(chunk);
        assertThat(Messages.fromJson(Messages.toJson(UnitLogs.busy("too many", 7)), UnitLogs.class).busy()).isTrue();
    }

    @Test
    void namesEachHostsOwnBrokerAccountAndFindsTheHostBack() {
        assertThat(Messages.agentUser("h2")).isEqualTo("agent-h2");
        assertThat(Messages.hostOfAgent(Messages.agentUser("it-1.a_b"))).contains("it-1.a_b");
        assertThat(Messages.hostOfAgent("manager")).isEmpty();
        assertThat(Messages.hostOfAgent("agent-")).isEmpty();
        assertThat(Messages.hostOfAgent(null)).isEmpty();
        assertThat(Messages.hostOfAgentQueue(Messages.agentQueue("h2"))).contains("h2");
        assertThat(Messages.hostOfAgentQueue(Messages.RESULTS_QUEUE)).isEmpty();
    }

    @Test
    void refusesTextThatIsNoJson() {
        assertThatThrownBy(() -> Messages.fromJson("{not json", AgentCommand.class))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("not a valid AgentCommand");
    }

    @Test
    void refusesAnEmptyBody() {
        assertThatThrownBy(() -> Messages.fromJson("  ", AgentCommand.class))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void namesEveryMissingFieldOfAStart() {
        AgentCommand command = Messages.fromJson("{\"version\":1,\"type\":\"START\",\"unitId\":3}", AgentCommand.class);

        assertThatThrownBy(command::validated)
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("commandId is missing")
                .hasMessageContaining("user is missing")
                .hasMessageContaining("container is missing");
    }

    @Test
    void refusesAnotherProtocolVersion() {
        AgentCommand command = new AgentCommand(99, "c", CommandType.STOP, 1, "u", null, 0, null, null);

        assertThatThrownBy(command::validated).hasMessageContaining("version 99 is not supported");
    }

    @Test
    void roundTripsAnImageLoadAndItsResult() {
        AgentCommand load = new AgentCommand(Messages.VERSION, "c-2", CommandType.LOAD_IMAGE, 0, "admin", null, 0,
                null, new ImageDownload("u1", "/api/image-uploads/u1", "a".repeat(64), 1024));
        AgentResult loaded = AgentResult.loaded("c-2", "h1", java.util.List.of("vendor/esproc:1"));

        assertThat(Messages.fromJson(Messages.toJson(load), AgentCommand.class).validated()).isEqualTo(load);
        assertThat(Messages.fromJson(Messages.toJson(loaded), AgentResult.class).images())
                .containsExactly("vendor/esproc:1");
    }

    @Test
    void namesWhatAnImageLoadLacks() {
        AgentCommand command = Messages.fromJson("{\"version\":1,\"commandId\":\"c\",\"type\":\"LOAD_IMAGE\","
                + "\"user\":\"admin\",\"image\":{\"path\":\"http://elsewhere/x\",\"sha256\":\"abc\"}}",
                AgentCommand.class);

        assertThatThrownBy(command::validated)
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("image.path")
                .hasMessageContaining("image.sha256")
                .hasMessageContaining("image.size")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("unitId"));
    }

    @Test
    void namesTheAgentQueueAfterItsHost() {
        assertThat(Messages.agentQueue("h1")).isEqualTo("berth.agent.h1");
    }
}
