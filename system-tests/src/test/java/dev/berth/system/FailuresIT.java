package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import dev.berth.agent.containers.control.LastLogLines;
import dev.berth.protocol.ContainerSpec;
import dev.berth.protocol.Heartbeat;
import dev.berth.protocol.Messages;
import dev.berth.protocol.StartUnit;
import dev.berth.testsupport.Api;
import dev.berth.testsupport.Poll;
import jakarta.jms.Message;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RunningBerth.class)
class FailuresIT {

    private final RunningBerth berth;
    private final Fixtures fixtures;

    FailuresIT(RunningBerth berth) {
        this.berth = berth;
        this.fixtures = new Fixtures(berth);
    }

    @Test
    void aStartThatNeverBecomesReadyLeavesNothingRunningBehindItsFailedUnit() throws Exception {
        // an image whose readiness check the agent cannot make: the container starts, but no answer ever counts
        String image = "berth-it/unready:" + UUID.randomUUID().toString().substring(0, 8);
        Process build = new ProcessBuilder("docker", "build", "-q", "-t", image, "-")
                .redirectErrorStream(true).start();
        build.getOutputStream().write("FROM berth/probe:1\nLABEL berth.readiness=nonsense\n".getBytes());
        build.getOutputStream().close();
        String output = new String(build.getInputStream().readAllBytes());
        assertThat(build.waitFor()).as(output).isZero();
        try {
            long unit = fixtures.newUnit(fixtures.newUser("64m", 512), RunningBerth.HOST, RunningBerth.freePort(),
                    image);

            fixtures.request(berth.admin(), unit, "start");
            JsonObject failed = fixtures.settled(unit);

            assertThat(failed.getString("state")).isEqualTo("FAILED");
            assertThat(failed.getString("lastError")).contains("readiness check 'nonsense'");
            assertThat(berth.containersOf(unit)).as("kept for its logs, but not running").hasSize(1)
                    .allSatisfy(c -> assertThat(c.getState()).isNotEqualTo("running"));
            fixtures.request(berth.admin(), unit, "delete");
            Poll.until(Duration.ofSeconds(30), "unit " + unit + "'s container to go",
                    () -> berth.containersOf(unit).isEmpty());
        } finally {
            new ProcessBuilder("docker", "rmi", "-f", image).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        }
    }

    @Test
    void failsAStartWhenAHostProcessHoldsThePortAndLeavesNoContainer() throws Exception {
        int port = RunningBerth.freePort();
        long unit = fixtures.newUnit(fixtures.newUser("64m", 512), RunningBerth.HOST, port);

        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress("0.0.0.0", port));
            String start = fixtures.request(berth.admin(), unit, "start");
            JsonObject failed = fixtures.settled(unit);

            assertThat(failed.getString("state")).isEqualTo("FAILED");
            assertThat(failed.getString("lastError"))
                    .contains("port " + port + " on host " + RunningBerth.HOST)
                    .contains("process outside Berth");
            assertThat(fixtures.finished(start).getString("state")).isEqualTo("FAILED");
            assertThat(berth.containersOf(unit)).isEmpty();
        }

        // once the port is free again, the same unit starts
        fixtures.request(berth.admin(), unit, "start");
        assertThat(fixtures.settled(unit).getString("state")).isEqualTo("RUNNING");
        fixtures.finished(fixtures.request(berth.admin(), unit, "delete"));
    }

    @Test
    void failsAStartOnAPortThatAnotherUnitsContainerPublishes() {
        int port = RunningBerth.freePort();
        long other = 900_000_000L + ThreadLocalRandom.current().nextInt(1_000_000);
        // a container of a unit the manager does not know (another manager's, or left behind) that publishes the port
        String squatter = berth.docker().createContainerCmd("berth/probe:1")
                .withEntrypoint("/bin/sh", "-c", "sleep 600")
                .withExposedPorts(ExposedPort.tcp(8080))
                .withHostConfig(HostConfig.newHostConfig().withPortBindings(PortBinding.parse("127.0.0.1:" + port
                        + ":8080")))
                .withLabels(Map.of("berth.managed", "true", "berth.unit", String.valueOf(other), "berth.host",
                        "elsewhere", "berth.user", "someone", "berth.port", String.valueOf(port)))
                .exec().getId();
        try {
            berth.docker().startContainerCmd(squatter).exec();
            long unit = fixtures.newUnit(fixtures.newUser("64m", 512), RunningBerth.HOST, port);

            fixtures.request(berth.admin(), unit, "start");
            JsonObject failed = fixtures.settled(unit);

            assertThat(failed.getString("state")).isEqualTo("FAILED");
            // found among Berth's containers, before any bind test: it names the unit and its user
            assertThat(failed.getString("lastError")).isEqualTo("port " + port + " on host " + RunningBerth.HOST
                    + " is in use by unit " + other + " of user someone");
            assertThat(berth.containersOf(unit)).isEmpty();
            fixtures.finished(fixtures.request(berth.admin(), unit, "delete"));
        } finally {
            berth.docker().removeContainerCmd(squatter).withForce(true).exec();
        }
    }

    @Test
    void saysWhyTheLastLogLinesOfAContainerThatIsGoneCannotBeRead() {
        // a die event's lines are read as the container may be going (an update's previous one): the engine's
        // refusal goes into the lines, not into the agent's log as an error
        String lines = LastLogLines.of(berth.docker(), "berth-gone-" + UUID.randomUUID(), 20);

        assertThat(lines).startsWith("(logs unavailable: ").contains("No such container");
    }

    @Test
    void failsAUnitWhoseProcessExitsWithItsLastLogLines() {
        String image = "berth/it-broken:" + UUID.randomUUID().toString().substring(0, 8);
        String made = berth.docker().createContainerCmd("berth/probe:1")
                .withEntrypoint("/bin/sh", "-c", "echo booting; echo cannot open licence file >&2; exit 3")
                .withLabels(Map.of("berth.host", RunningBerth.HOST)).exec().getId();
        berth.docker().commitCmd(made).withRepository(image.split(":")[0]).withTag(image.split(":")[1]).exec();
        try {
            long unit = fixtures.newUnit(fixtures.newUser("64m", 512), RunningBerth.HOST, RunningBerth.freePort(),
                    image);

            fixtures.request(berth.admin(), unit, "start");
            JsonObject failed = fixtures.settled(unit);

            assertThat(failed.getString("state")).isEqualTo("FAILED");
            assertThat(failed.getString("lastError"))
                    .contains("exited with code 3")
                    .contains("cannot open licence file");
            fixtures.finished(fixtures.request(berth.admin(), unit, "delete"));
        } finally {
            berth.docker().removeContainerCmd(made).withForce(true).exec();
            berth.docker().removeImageCmd(image).withForce(true).exec();
        }
    }

    @Test
    void failsAStartWhoseImageIsNotLoaded() {
        long unit = fixtures.newUnit(fixtures.newUser("64m", 512), RunningBerth.HOST, RunningBerth.freePort(),
                "berth/absent:0");

        fixtures.request(berth.admin(), unit, "start");
        JsonObject failed = fixtures.settled(unit);

        assertThat(failed.getString("state")).isEqualTo("FAILED");
        assertThat(failed.getString("lastError")).contains("image berth/absent:0 is not loaded on host "
                + RunningBerth.HOST);
        assertThat(berth.containersOf(unit)).isEmpty();
    }

    @Test
    void refusesToStartAUnitOfAHostThatWentOffline() {
        Fixtures.AgentAccount agent = fixtures.newEnrolledHost("ghost");
        String ghost = agent.host();
        try (Broker asGhost = fixtures.as(agent)) {
            asGhost.send(Messages.RESULTS_QUEUE, Messages.toJson(new Heartbeat(Messages.VERSION, ghost, "127.0.0.2",
                    "20.10", 2, 1L << 30, null, Instant.now(), null)), Map.of(Messages.TYPE, "HEARTBEAT"));
        }
        Poll.until(Duration.ofSeconds(20), "host " + ghost + " to register",
                () -> !"DEFINED".equals(berth.admin().get("/hosts/" + ghost).json().getString("state")));
        long unit = fixtures.newUnit(fixtures.newUser("64m", 512), ghost, RunningBerth.freePort());

        Poll.until(Duration.ofSeconds(RunningBerth.OFFLINE_AFTER_SECONDS + 20), "host " + ghost + " to go OFFLINE",
                () -> "OFFLINE".equals(berth.admin().get("/hosts/" + ghost).json().getString("state")));
        Api.Reply refused = berth.admin().post("/units/" + unit + "/start", "");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error()).contains("host " + ghost + " is OFFLINE");
        assertThat(berth.admin().get("/units/" + unit).json().getString("state")).isEqualTo("DEFINED");
    }

    @Test
    void makesOneContainerWhenACommandIsDeliveredAgain() {
        String user = fixtures.newUser("64m", 512);
        int port = RunningBerth.freePort();
        long unit = fixtures.newUnit(user, RunningBerth.HOST, port);
        String start = fixtures.request(berth.admin(), unit, "start");
        assertThat(fixtures.settled(unit).getString("state")).isEqualTo("RUNNING");

        JsonObject owner = berth.admin().get("/users/" + user).json();
        String home = owner.getString("home");
        List<String> clients = owner.getJsonArray("allowedClients").getValuesAs(JsonString::getString);
        StartUnit again = new StartUnit(start, unit, user,
                new ContainerSpec("berth-" + user + "-" + port, "berth/probe:1", port, 64L * 1024 * 1024, 512, home,
                        null, Map.of(
                                "raqsoftConfig.xml", berth.admin().get("/users/" + user
                                        + "/config/raqsoftConfig.xml").body(),
                                "unitServer.xml", berth.admin().get("/users/" + user
                                        + "/config/unitServer.xml").body()),
                        owner.getInt("uid"), 512, 4096, clients,
                        owner.getJsonNumber("diskBytes").longValue(), List.of(), List.of()),
                30);
        try (Broker asManager = berth.broker("manager")) {
            for (int i = 0; i < 2; i++) {
                asManager.send(Messages.agentQueue(RunningBerth.HOST), Messages.toJson(again),
                        Map.of(Messages.TYPE, "COMMAND", Messages.PROTOCOL_VERSION, Messages.VERSION,
                                Messages.COMMAND_ID, start, Messages.UNIT_ID, unit));
            }
        }
        Poll.until(Duration.ofSeconds(30), "both duplicates to be answered", () -> berth.admin()
                .get("/audit?unit=" + unit).array().stream().map(JsonValue::asJsonObject)
                .filter(a -> a.getString("action").equals("command.duplicate")).count() == 2);

        assertThat(berth.containersOf(unit)).hasSize(1);
        assertThat(fixtures.finished(start).getString("state")).isEqualTo("SUCCEEDED");
        assertThat(berth.admin().get("/units/" + unit).json().getString("state")).isEqualTo("RUNNING");
        fixtures.finished(fixtures.request(berth.admin(), unit, "delete"));
    }

    @Test
    void keepsAnUnreadableCommandInTheDeadLetterQueueWithItsReason() throws Exception {
        String commandId = "broken-" + UUID.randomUUID();
        try (Broker asManager = berth.broker("manager")) {
            asManager.send(Messages.agentQueue(RunningBerth.HOST), "{this is no command",
                    Map.of(Messages.TYPE, "COMMAND", Messages.COMMAND_ID, commandId));

            Message kept = asManager.receive(Messages.DEAD_LETTER_QUEUE, "commandId = '" + commandId + "'", 20_000);

            assertThat(kept).as("the unreadable command in the DLQ").isNotNull();
            assertThat(kept.getBody(String.class)).isEqualTo("{this is no command");
            assertThat(kept.getStringProperty("berthRejectReason")).contains("not a valid AgentCommand");
        }
        // the agent answered it as failed; the manager never sent it, and says so in the audit trail
        Poll.until(Duration.ofSeconds(20), "the failed answer to reach the audit trail", () -> berth.admin()
                .get("/audit?limit=200").array().stream().map(JsonValue::asJsonObject)
                .anyMatch(a -> a.getString("action").equals("result.unknown")
                        && a.getString("target").equals("command " + commandId)
                        && a.getString("detail").contains("could not read the command")));
    }

    @Test
    void keepsAnUnreadableResultInTheDeadLetterQueueAndAuditsIt() throws Exception {
        String marker = UUID.randomUUID().toString();
        try (Broker asAgent = berth.broker("agent"); Broker asManager = berth.broker("manager")) {
            asAgent.send(Messages.RESULTS_QUEUE, "[1, 2", Map.of(Messages.TYPE, "RESULT", "marker", marker));

            Message kept = asManager.receive(Messages.DEAD_LETTER_QUEUE, "marker = '" + marker + "'", 20_000);

            assertThat(kept).as("the unreadable result in the DLQ").isNotNull();
            assertThat(kept.getStringProperty("berthRejectReason")).contains("not a valid AgentResult");
        }
        assertThat(berth.admin().get("/audit?limit=200").array()).map(JsonValue::asJsonObject)
                .anyMatch(a -> a.getString("action").equals("message.reject")
                        && a.getString("detail").contains("not a valid AgentResult"));
    }
}
