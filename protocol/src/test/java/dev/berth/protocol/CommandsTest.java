package dev.berth.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each command kind on the wire, and which protocol versions an agent reads. */
class CommandsTest {

    private static final ContainerSpec SPEC = new ContainerSpec("berth-aaa-8281", "berth/probe:1", 8281, 1L << 26,
            512, "/data/homes/aaa", null, Map.of("unitServer.xml", "<SERVER/>"), 20001, 512, 4096,
            List.of("127.0.0.0/8"), 0, List.of(), List.of());

    /** One command of every kind. */
    static Stream<AgentCommand> everyKind() {
        return Stream.of(
                new StartUnit("c1", 7, "aaa", SPEC, 30),
                new StopUnit("c2", 7, "aaa"),
                new DeleteUnit("c3", 7, "aaa"),
                new ReadLogs("c4", 7, "aaa", new LogRequest(100, 0, false, false)),
                new LoadImage("c5", new ImageDownload("u1", "/api/image-uploads/u1", "b".repeat(64), 10)),
                new KeepFollowing("c4", 7),
                new StopFollowing("c4", 7),
                new AllowClients("c6", 7, "aaa", 8281, 20001, List.of("127.0.0.0/8", "10.1.2.3/32"),
                        List.of("10.0.0.2:8282")),
                new CleanHost("c7", true, List.of("berth/esproc-unit:1", "berth/probe:1")),
                new Survey("c10", List.of(new ExpectedUnit(7, "aaa", 8281, new StartUnit("c8", 7, "aaa", SPEC, 30)),
                        new ExpectedUnit(8, "bbb", 8282, null))),
                new RepairDrift("c9", List.of(
                        new RepairDrift.Action("f1", RepairDrift.ActionKind.REMOVE_CONTAINER, "abc", 8283, null),
                        new RepairDrift.Action("f2", RepairDrift.ActionKind.DELETE_NAT_RULE, null, null,
                                "-A DOCKER -d 127.0.0.1/32 -p tcp -m tcp --dport 8281 -j DNAT --to-destination"
                                        + " 172.17.0.9:8281"))),
                new Ping("c11"));
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void roundTripsEachKindNamedByItsType(AgentCommand command) {
        String json = Messages.toJson(command);

        assertThat(Json.createReader(new StringReader(json)).readObject().getString("type"))
                .isEqualTo(command.kind().name());
        assertThat(Messages.readCommand(Messages.VERSION, json)).isEqualTo(command);
    }

    @Test
    void hasOneRecordPerKind() {
        assertThat(everyKind().map(AgentCommand::kind)).containsExactlyInAnyOrder(CommandType.values());
        assertThat(AgentCommand.class.getPermittedSubclasses()).hasSize(CommandType.values().length);
        assertThat(everyKind().map(Object::getClass)).containsExactlyInAnyOrder(
                Arrays.stream(AgentCommand.class.getPermittedSubclasses()).toArray(Class<?>[]::new));
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void handsEachKindToItsOwnHandlerMethod(AgentCommand command) {
        assertThat(command.handledBy(new KindNames())).isEqualTo(command.kind().name());
    }

    @Test
    void readsVersionThreeCommandsAsTheManagerOfVersionThreeSentThem() {
        // the bodies a version-3 manager sent: one record for every kind, its version in the body, null fields left out
        String start = "{\"commandId\":\"c1\",\"container\":{\"allowedClients\":[\"127.0.0.0/8\"],\"configFiles\":"
                + "{\"unitServer.xml\":\"<SERVER/>\"},\"cpuShares\":512,\"diskBytes\":0,\"home\":\"/data/homes/aaa\","
                + "\"image\":\"berth/probe:1\",\"memoryBytes\":67108864,\"name\":\"berth-aaa-8281\",\"nofileLimit\":4096,"
                + "\"otherHosts\":[],\"peers\":[],\"pidsLimit\":512,\"port\":8281,\"uid\":20001},\"readinessSeconds\":30,"
                + "\"type\":\"START\",\"unitId\":7,\"user\":\"aaa\",\"version\":3}";
        String logs = "{\"commandId\":\"c4\",\"logs\":{\"follow\":false,\"since\":0,\"tail\":100,\"timestamps\":false},"
                + "\"readinessSeconds\":0,\"type\":\"LOGS\",\"unitId\":7,\"user\":\"aaa\",\"version\":3}";
        String load = "{\"commandId\":\"c5\",\"image\":{\"path\":\"/api/image-uploads/u1\",\"sha256\":\""
                + "b".repeat(64) + "\",\"size\":10,\"upload\":\"u1\"},\"readinessSeconds\":0,\"type\":\"LOAD_IMAGE\","
                + "\"unitId\":0,\"user\":\"admin\",\"version\":3}";
        String following = "{\"commandId\":\"c4\",\"readinessSeconds\":0,\"type\":\"LOGS_FOLLOWING\",\"unitId\":7,"
                + "\"user\":\"aaa\",\"version\":3}";

        assertThat(Messages.readCommand(3, start)).isEqualTo(new StartUnit("c1", 7, "aaa", SPEC, 30));
        assertThat(Messages.readCommand(null, start)).as("the version from the body").isInstanceOf(StartUnit.class);
        assertThat(Messages.readCommand(3, logs)).isEqualTo(new ReadLogs("c4", 7, "aaa",
                new LogRequest(100, 0, false, false)));
        assertThat(Messages.readCommand(3, load)).isEqualTo(new LoadImage("c5",
                new ImageDownload("u1", "/api/image-uploads/u1", "b".repeat(64), 10)));
        assertThat(Messages.readCommand(3, following)).isEqualTo(new KeepFollowing("c4", 7));
        assertThat(Messages.readCommand(3, following.replace("LOGS_FOLLOWING", "LOGS_STOP")))
                .isEqualTo(new StopFollowing("c4", 7));
        assertThat(Messages.readCommand(3, following.replace("LOGS_FOLLOWING", "STOP")))
                .isEqualTo(new StopUnit("c4", 7, "aaa"));
        assertThat(Messages.readCommand(3, following.replace("LOGS_FOLLOWING", "DELETE")))
                .isEqualTo(new DeleteUnit("c4", 7, "aaa"));
    }

    @Test
    void refusesANewerVersionSayingWhoToUpgrade() {
        String body = Messages.toJson(new StopUnit("c2", 7, "aaa"));

        assertThatThrownBy(() -> Messages.readCommand(Messages.VERSION + 1, body))
                .isInstanceOf(ProtocolVersionException.class)
                .hasMessage("protocol version " + (Messages.VERSION + 1) + " is newer than this agent's "
                        + Messages.VERSION)
                .satisfies(e -> assertThat(((ProtocolVersionException) e).newer()).isTrue());
        assertThatThrownBy(() -> Messages.readCommand(null, "{\"version\":9,\"type\":\"SHUTDOWN\"}"))
                .as("a newer body is not even parsed").hasMessageContaining("protocol version 9 is newer");
    }

    @Test
    void refusesAVersionOlderThanTheOldestItReads() {
        String v2 = "{\"commandId\":\"c\",\"type\":\"STOP\",\"unitId\":7,\"user\":\"aaa\",\"version\":2}";

        assertThatThrownBy(() -> Messages.readCommand(null, v2))
                .isInstanceOf(ProtocolVersionException.class)
                .hasMessageContaining("protocol version 2 is older than this agent reads (3 to " + Messages.VERSION
                        + "): upgrade the manager")
                .satisfies(e -> assertThat(((ProtocolVersionException) e).newer()).isFalse());
    }

    @Test
    void refusesACommandWithoutAnyVersion() {
        assertThatThrownBy(() -> Messages.readCommand(null, Messages.toJson(new StopUnit("c2", 7, "aaa"))))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("carries no protocol version");
        assertThatThrownBy(() -> Messages.readCommand(null, "[1,2]"))
                .hasMessageContaining("carries no protocol version");
        assertThatThrownBy(() -> Messages.readCommand(null, "{this is no command"))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("not a valid AgentCommand");
    }

    @Test
    void namesWhatEachKindLacks() {
        assertThatThrownBy(() -> new StopUnit(" ", 0, null))
                .hasMessage("STOP: commandId is missing; unitId is missing; user is missing");
        assertThatThrownBy(() -> new ReadLogs("c", 7, "aaa", null)).hasMessage("LOGS: logs is missing");
        assertThatThrownBy(() -> new KeepFollowing(null, 7)).hasMessage("LOGS_FOLLOWING: commandId is missing");
        assertThatThrownBy(() -> new StopFollowing("c", -1)).hasMessage("LOGS_STOP: unitId is missing");
        assertThatThrownBy(() -> new DeleteUnit("c", 7, "")).hasMessage("DELETE: user is missing");
        assertThatThrownBy(() -> new LoadImage("c", null)).hasMessage("LOAD_IMAGE: image is missing");
        assertThatThrownBy(() -> new Ping("")).hasMessage("PING: commandId is missing");
        assertThatThrownBy(() -> new CleanHost("", false, null))
                .hasMessage("CLEANUP: commandId is missing; imagesInUse is missing");
        assertThatThrownBy(() -> new AllowClients("c", 7, "aaa", 0, 0, List.of("10.0.0.1 -j ACCEPT"), null))
                .hasMessage("ALLOW_CLIENTS: port is out of range; uid must be an unprivileged uid; allowedClients:"
                        + " '10.0.0.1 -j ACCEPT' is no IPv4 network");
        assertThatThrownBy(() -> new RepairDrift("c", List.of(new RepairDrift.Action("f",
                RepairDrift.ActionKind.DELETE_NAT_RULE, null, null, "-A INPUT -j ACCEPT"))))
                .hasMessage("REPAIR_DRIFT: DELETE_NAT_RULE needs a DNAT rule's line as iptables-save writes it");
    }

    /** A handler as the agent's is: one method per kind. */
    private static final class KindNames implements AgentCommand.Handler<String> {
        @Override
        public String start(StartUnit command) {
            return "START";
        }

        @Override
        public String stop(StopUnit command) {
            return "STOP";
        }

        @Override
        public String delete(DeleteUnit command) {
            return "DELETE";
        }

        @Override
        public String logs(ReadLogs command) {
            return "LOGS";
        }

        @Override
        public String loadImage(LoadImage command) {
            return "LOAD_IMAGE";
        }

        @Override
        public String keepFollowing(KeepFollowing command) {
            return "LOGS_FOLLOWING";
        }

        @Override
        public String stopFollowing(StopFollowing command) {
            return "LOGS_STOP";
        }

        @Override
        public String allowClients(AllowClients command) {
            return "ALLOW_CLIENTS";
        }

        @Override
        public String cleanHost(CleanHost command) {
            return "CLEANUP";
        }

        @Override
        public String survey(Survey command) {
            return "SURVEY";
        }

        @Override
        public String repairDrift(RepairDrift command) {
            return "REPAIR_DRIFT";
        }

        @Override
        public String ping(Ping command) {
            return "PING";
        }
    }
}
