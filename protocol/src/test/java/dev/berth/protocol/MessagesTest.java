package dev.berth.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessagesTest {

    private static ContainerSpec spec(int uid, List<String> clients, List<String> peers, Map<String, String> files) {
        return new ContainerSpec("berth-aaa-8281", "berth/probe:1", 8281, 512L * 1024 * 1024, 512, "/data/homes/aaa",
                "/data/share", files, uid, 512, 4096, clients, 1L << 30, peers, List.of("10.2.0.7"));
    }

    private static StartUnit start() {
        return new StartUnit("c-1", 7, "aaa", spec(20001, List.of("127.0.0.0/8", "10.1.0.0/16"),
                List.of("10.2.0.7:8282"), Map.of("unitServer.xml", "<SERVER Version=\"3\"><!-- 张三 --></SERVER>")),
                30);
    }

    @Test
    void roundTripsAStartWithItsIsolationAndFilesThroughJson() {
        StartUnit command = start();

        assertThat(Messages.fromJson(Messages.toJson(command), AgentCommand.class)).isEqualTo(command);
    }

    @Test
    void refusesAUnitThatWouldRunAsRootOrAnUnreadableNetwork() {
        assertThatThrownBy(() -> new StartUnit("c-3", 7, "aaa", spec(0, List.of("10.0.0.0/33"), List.of("10.2.0.7"),
                Map.of()), 30))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageStartingWith("START: ")
                .hasMessageContaining("container.uid must be an unprivileged uid")
                .hasMessageContaining("'10.0.0.0/33' is no IPv4 network")
                .hasMessageContaining("'10.2.0.7' is no IPv4 address:port");
    }

    @Test
    void refusesAConfigFileThatIsAPath() {
        assertThatThrownBy(() -> new StartUnit("c-2", 7, "aaa", spec(20001, List.of(), List.of(),
                Map.of("../../etc/cron.d/x", "boom")), 30))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("'../../etc/cron.d/x' is no plain file name");
    }

    @Test
    void roundTripsAFollowedLogsRequestAndItsChunks() {
        ReadLogs follow = new ReadLogs("c-2", 7, "aaa", new LogRequest(10, 0, true, true));
        UnitLogs chunk = UnitLogs.chunk(7, 3, "line\n", false);

        assertThat(Messages.fromJson(Messages.toJson(follow), AgentCommand.class)).isEqualTo(follow);
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
        assertThatThrownBy(() -> Messages.fromJson("{\"type\":\"START\",\"unitId\":3}", AgentCommand.class))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("not a valid AgentCommand: START: ")
                .hasMessageContaining("commandId is missing")
                .hasMessageContaining("user is missing")
                .hasMessageContaining("container is missing")
                .hasMessageContaining("readinessSeconds must be positive");
    }

    @Test
    void refusesAnUnknownKindNamingIt() {
        assertThatThrownBy(() -> Messages.fromJson("{\"type\":\"REBOOT\",\"commandId\":\"c\"}", AgentCommand.class))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("REBOOT");
    }

    @Test
    void roundTripsAnImageLoadAndItsResult() {
        LoadImage load = new LoadImage("c-2", new ImageDownload("u1", "/api/image-uploads/u1", "a".repeat(64), 1024));
        AgentResult loaded = AgentResult.loaded("c-2", "h1", java.util.List.of("vendor/esproc:1"));

        assertThat(Messages.fromJson(Messages.toJson(load), AgentCommand.class)).isEqualTo(load);
        assertThat(load.unitId()).isZero();
        assertThat(Messages.toJson(load)).as("only its own fields").doesNotContain("unitId", "kind", "user");
        assertThat(Messages.fromJson(Messages.toJson(loaded), AgentResult.class).images())
                .containsExactly("vendor/esproc:1");
    }

    @Test
    void namesWhatAnImageLoadLacks() {
        assertThatThrownBy(() -> Messages.fromJson("{\"commandId\":\"c\",\"type\":\"LOAD_IMAGE\","
                + "\"image\":{\"path\":\"http://elsewhere/x\",\"sha256\":\"abc\"}}", AgentCommand.class))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("LOAD_IMAGE: ")
                .hasMessageContaining("image.path")
                .hasMessageContaining("image.sha256")
                .hasMessageContaining("image.size")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("unitId"));
    }

    @Test
    void namesTheAgentQueueAfterItsHost() {
        assertThat(Messages.agentQueue("h1")).isEqualTo("berth.agent.h1");
    }

    @Test
    void carriesARoundsSamplesInAHeartbeatThatEitherSideReads() {
        Instant at = Instant.parse("2026-11-29T10:00:00.123456789Z");
        Heartbeat plain = new Heartbeat(Messages.VERSION, "h1", "127.0.0.1", "20.10", 2, 1L << 33, null, at, null);
        Heartbeat sampled = plain.withUnits(List.of(new UnitStats(7, at, 12.5, 3L << 20, 64L << 20)));

        assertThat(Messages.fromJson(Messages.toJson(sampled), Heartbeat.class)).isEqualTo(sampled);
        // a heartbeat of an agent before the samples has none
        String old = "{\"address\":\"127.0.0.1\",\"at\":\"2026-11-29T10:00:00Z\",\"cpus\":2,\"dockerVersion\":"
                + "\"20.10\",\"host\":\"h1\",\"memoryBytes\":8589934592,\"version\":4}";
        assertThat(Messages.fromJson(old, Heartbeat.class).samples()).isEmpty();
        // a field a reader does not know is ignored: how a manager before the samples reads a heartbeat with them
        assertThat(Messages.fromJson(old.replace("}", ",\"later\":[{\"unitId\":7}]}"), Heartbeat.class).host())
                .isEqualTo("h1");
    }
}
