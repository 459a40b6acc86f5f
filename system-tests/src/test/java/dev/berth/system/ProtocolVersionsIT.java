package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.protocol.ContainerSpec;
import dev.berth.protocol.Messages;
import dev.berth.protocol.UnitLogs;
import dev.berth.testsupport.Poll;
import jakarta.jms.Message;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Commands of other protocol versions sent to the running local agent through the broker, as managers of other
 * versions would send them: an older one it still reads is carried out, a newer one is answered FAILED with the
 * reason, never dropped or redelivered.
 */
@ExtendWith(RunningBerth.class)
class ProtocolVersionsIT {

    private static final Duration ANSWER = Duration.ofSeconds(30);

    private final RunningBerth berth;
    private final Fixtures fixtures;

    ProtocolVersionsIT(RunningBerth berth) {
        this.berth = berth;
        this.fixtures = new Fixtures(berth);
    }

    @Test
    void carriesOutAStartAsAVersionThreeManagerSentIt() {
        String user = fixtures.newUser("64m", 512);
        int port = RunningBerth.freePort();
        long unit = fixtures.newUnit(user, RunningBerth.HOST, port);
        JsonObject owner = berth.admin().get("/users/" + user).json();
        ContainerSpec container = new ContainerSpec("berth-" + user + "-" + port, "berth/probe:1", port,
                64L * 1024 * 1024, 512, owner.getString("home"), null, Map.of(
                        "raqsoftConfig.xml", berth.admin().get("/users/" + user + "/config/raqsoftConfig.xml").body(),
                        "unitServer.xml", berth.admin().get("/users/" + user + "/config/unitServer.xml").body()),
                owner.getInt("uid"), 512, 4096, owner.getJsonArray("allowedClients").getValuesAs(JsonString::getString),
                owner.getJsonNumber("diskBytes").longValue(), List.of(), List.of());
        String commandId = "v3-" + UUID.randomUUID();
        // the shape a version-3 manager wrote: one record of every field, its version in the body too
        String v3 = "{\"commandId\":\"" + commandId + "\",\"container\":" + Messages.toJson(container)
                + ",\"readinessSeconds\":30,\"type\":\"START\",\"unitId\":" + unit + ",\"user\":\"" + user
                + "\",\"version\":3}";

        try (Broker asManager = berth.broker("manager")) {
            asManager.send(Messages.agentQueue(RunningBerth.HOST), v3, Map.of(Messages.TYPE, "COMMAND",
                    Messages.PROTOCOL_VERSION, 3, Messages.COMMAND_ID, commandId, Messages.UNIT_ID, unit));
        }

        // the manager never sent this command, so it notes the agent's answer as unknown: a RUNNING container
        JsonObject answer = answerTo(commandId);
        assertThat(answer.getString("detail")).contains("outcome=SUCCEEDED", "state=RUNNING");
        assertThat(berth.containersOf(unit)).singleElement()
                .satisfies(c -> assertThat(c.getState()).isEqualTo("running"));
        fixtures.finished(fixtures.request(berth.admin(), unit, "delete"));
        assertThat(berth.containersOf(unit)).isEmpty();
    }

    @Test
    void answersANewerVersionFailedNamingTheAgentToUpgrade() throws Exception {
        String commandId = "v5-" + UUID.randomUUID();
        String reason = "protocol version " + (Messages.VERSION + 1) + " is newer than this agent's " + Messages.VERSION
                + ": upgrade the agent on host " + RunningBerth.HOST;

        try (Broker asManager = berth.broker("manager")) {
            asManager.send(Messages.agentQueue(RunningBerth.HOST),
                    "{\"type\":\"MIGRATE\",\"commandId\":\"" + commandId + "\",\"unitId\":1,\"to\":\"h9\"}",
                    Map.of(Messages.TYPE, "COMMAND", Messages.PROTOCOL_VERSION, Messages.VERSION + 1,
                            Messages.COMMAND_ID, commandId, Messages.UNIT_ID, 1L));

            Message kept = asManager.receive(Messages.DEAD_LETTER_QUEUE, "commandId = '" + commandId + "'",
                    ANSWER.toMillis());
            assertThat(kept).as("the command kept for a person").isNotNull();
            assertThat(kept.getStringProperty("berthRejectReason")).isEqualTo(reason);
            assertThat(asManager.receive(Messages.DEAD_LETTER_QUEUE, "commandId = '" + commandId + "'", 2_000))
                    .as("kept once: consumed, not redelivered").isNull();
        }
        assertThat(answerTo(commandId).getString("detail")).contains("outcome=FAILED", reason);
    }

    @Test
    void answersANewerLogsRequestOnItsReplyQueueAtOnce() throws Exception {
        String user = fixtures.newUser("64m", 512);
        long unit = fixtures.newUnit(user, RunningBerth.HOST, RunningBerth.freePort());
        String commandId = UUID.randomUUID().toString();

        Message reply;
        try (Broker asManager = berth.broker("manager")) {
            reply = asManager.request(Messages.agentQueue(RunningBerth.HOST),
                    "{\"type\":\"LOGS\",\"commandId\":\"" + commandId + "\",\"unitId\":" + unit + ",\"grep\":\"x\"}",
                    Map.of(Messages.TYPE, "COMMAND", Messages.PROTOCOL_VERSION, Messages.VERSION + 1,
                            Messages.COMMAND_ID, commandId, Messages.UNIT_ID, unit), ANSWER.toMillis());
        }

        assertThat(reply).as("an answer on the reply queue, not a wait for the reader's deadline").isNotNull();
        UnitLogs logs = Messages.fromJson(reply.getBody(String.class), UnitLogs.class);
        assertThat(logs.end()).isTrue();
        assertThat(logs.unitId()).isEqualTo(unit);
        assertThat(logs.error()).contains("is newer than this agent's " + Messages.VERSION,
                "upgrade the agent on host " + RunningBerth.HOST);
    }

    @Test
    void refusesAVersionTwoCommandNamingTheManagerToUpgrade() throws Exception {
        String commandId = "v2-" + UUID.randomUUID();

        try (Broker asManager = berth.broker("manager")) {
            asManager.send(Messages.agentQueue(RunningBerth.HOST), "{\"version\":2,\"commandId\":\"" + commandId
                    + "\",\"type\":\"STOP\",\"unitId\":1,\"user\":\"u\"}", Map.of(Messages.TYPE, "COMMAND",
                    Messages.COMMAND_ID, commandId, Messages.UNIT_ID, 1L));

            Message kept = asManager.receive(Messages.DEAD_LETTER_QUEUE, "commandId = '" + commandId + "'",
                    ANSWER.toMillis());
            assertThat(kept).isNotNull();
            assertThat(kept.getStringProperty("berthRejectReason")).contains("protocol version 2 is older than this"
                    + " agent reads (" + Messages.OLDEST_COMMAND_VERSION + " to " + Messages.VERSION + ")",
                    "upgrade the manager");
        }
        assertThat(answerTo(commandId).getString("detail")).contains("outcome=FAILED", "protocol version 2");
    }

    /** The audit record of the agent's answer to a command the manager did not send itself. */
    private JsonObject answerTo(String commandId) {
        JsonObject[] found = new JsonObject[1];
        Poll.until(ANSWER, "the agent's answer to " + commandId + " in the audit trail", () -> {
            found[0] = berth.admin().get("/audit?limit=200").array().stream().map(JsonValue::asJsonObject)
                    .filter(a -> a.getString("action").equals("result.unknown")
                            && a.getString("target").equals("command " + commandId))
                    .findFirst().orElse(null);
            return found[0] != null;
        });
        return found[0];
    }
}
