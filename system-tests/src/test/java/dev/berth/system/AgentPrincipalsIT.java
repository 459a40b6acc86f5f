package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.protocol.AgentResult;
import dev.berth.protocol.Heartbeat;
import dev.berth.protocol.Messages;
import dev.berth.protocol.ObservedState;
import dev.berth.protocol.UnitLogs;
import dev.berth.testsupport.Api;
import dev.berth.testsupport.Poll;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each host's agent is a principal of its own on the broker: its account reaches only its own queue, and the manager
 * takes a result, heartbeat or log answer only from the agent of the host concerned, by the account the broker
 * stamped on the message. Driven as a misbehaving agent would: a plain Artemis JMS client with an enrolled host's
 * credentials.
 */
@ExtendWith(RunningBerth.class)
class AgentPrincipalsIT {

    private final RunningBerth berth;
    private final Fixtures fixtures;

    AgentPrincipalsIT(RunningBerth berth) {
        this.berth = berth;
        this.fixtures = new Fixtures(berth);
    }

    @Test
    void anAgentCannotConsumeOrFeedAnotherHostsQueue() {
        Fixtures.AgentAccount a = fixtures.newEnrolledHost("a");
        String hostB = RunningBerth.HOST;

        try (Broker asA = fixtures.as(a)) {
            assertThatThrownBy(() -> asA.receive(Messages.agentQueue(hostB), null, 1000))
                    .isInstanceOf(JMSSecurityRuntimeException.class)
                    .hasMessageContaining(a.user()).hasMessageContaining("CONSUME");
            assertThatThrownBy(() -> asA.send(Messages.agentQueue(hostB), "{}", Map.of(Messages.TYPE, "COMMAND")))
                    .isInstanceOf(JMSRuntimeException.class).hasMessageContaining("SEND");
        }
        remove(a.host());
    }

    @Test
    void dropsAndAuditsAResultForgedForAnotherHostsUnitAndTakesTheRealOne() {
        Fixtures.AgentAccount a = fixtures.newEnrolledHost("a");
        Fixtures.AgentAccount b = fixtures.newEnrolledHost("b");
        heartbeat(b, b.host());
        Poll.until(Duration.ofSeconds(20), "host " + b.host() + " to be ONLINE",
                () -> "ONLINE".equals(berth.admin().get("/hosts/" + b.host()).json().getString("state")));
        // no agent runs for host b: its unit's start stays PENDING until someone answers
        long unit = fixtures.newUnit(fixtures.newUser("64m", 512), b.host(), RunningBerth.freePort());
        String start = fixtures.request(berth.admin(), unit, "start");
        AgentResult claim = AgentResult.succeeded(start, unit, b.host(), ObservedState.RUNNING, "f0e1d2c3b4a5");

        try (Broker asA = fixtures.as(a)) {
            asA.send(Messages.RESULTS_QUEUE, Messages.toJson(claim), Map.of(Messages.TYPE, "RESULT",
                    Messages.COMMAND_ID, start, Messages.UNIT_ID, unit, Messages.HOST, b.host()));
        }
        JsonObject forged = auditOf(unit, "agent.forged");

        assertThat(forged.getString("actor")).isEqualTo("agent:" + a.host());
        assertThat(forged.getString("outcome")).isEqualTo("FAILED");
        assertThat(forged.getString("detail")).contains("command " + start).contains("sent to host " + b.host())
                .contains("broker account " + a.user()).contains("dropped");
        assertThat(berth.admin().get("/units/" + unit).json().getString("state")).isEqualTo("STARTING");
        assertThat(berth.admin().get("/commands/" + start).json().getString("state")).isEqualTo("PENDING");

        // the same answer from host b's own agent counts
        try (Broker asB = fixtures.as(b)) {
            asB.send(Messages.RESULTS_QUEUE, Messages.toJson(claim), Map.of(Messages.TYPE, "RESULT",
                    Messages.COMMAND_ID, start, Messages.UNIT_ID, unit, Messages.HOST, b.host()));
        }
        assertThat(fixtures.finished(start).getString("state")).isEqualTo("SUCCEEDED");
        assertThat(berth.admin().get("/units/" + unit).json().getString("state")).isEqualTo("RUNNING");
    }

    @Test
    void takesALogAnswerOnlyFromTheAgentOfTheUnitsHost() throws Exception {
        Fixtures.AgentAccount a = fixtures.newEnrolledHost("a");
        Fixtures.AgentAccount b = fixtures.newEnrolledHost("b");
        heartbeat(b, b.host());
        Poll.until(Duration.ofSeconds(20), "host " + b.host() + " to be ONLINE",
                () -> "ONLINE".equals(berth.admin().get("/hosts/" + b.host()).json().getString("state")));
        long unit = fixtures.newUnit(fixtures.newUser("64m", 512), b.host(), RunningBerth.freePort());

        // no agent runs for host b: the test takes the manager's question as b's agent would
        CompletableFuture<Api.Reply> read = CompletableFuture.supplyAsync(
                () -> berth.admin().get("/units/" + unit + "/logs"));
        try (Broker asB = fixtures.as(b); Broker asA = fixtures.as(a)) {
            Message ask = asB.receive(Messages.agentQueue(b.host()), null, 10_000);
            assertThat(ask).as("the manager's LOGS command on host b's queue").isNotNull();
            String replies = ((Queue) ask.getJMSReplyTo()).getQueueName();

            asA.send(replies, Messages.toJson(UnitLogs.whole(unit, "forged line\n")), Map.of(Messages.TYPE, "LOGS"));
            JsonObject forged = auditOf(unit, "agent.forged");
            asB.send(replies, Messages.toJson(UnitLogs.whole(unit, "real line\n")), Map.of(Messages.TYPE, "LOGS"));

            assertThat(forged.getString("detail")).contains("log answer").contains(a.user());
        }
        Api.Reply answer = read.get(20, TimeUnit.SECONDS);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("real line\n");
    }

    @Test
    void dropsAndAuditsAHeartbeatForAnotherHost() {
        Fixtures.AgentAccount a = fixtures.newEnrolledHost("a");
        Fixtures.AgentAccount b = fixtures.newEnrolledHost("b");

        heartbeat(a, b.host());

        Poll.until(Duration.ofSeconds(20), "the forged heartbeat to be audited", () -> berth.admin()
                .get("/audit?limit=200").array().stream().map(JsonValue::asJsonObject)
                .anyMatch(r -> r.getString("action").equals("agent.forged")
                        && r.getString("target").equals("host " + b.host())
                        && r.getString("detail").contains(a.user())));
        assertThat(berth.admin().get("/hosts/" + b.host()).json().getString("state")).isEqualTo("DEFINED");
        remove(a.host());
        remove(b.host());
    }

    @Test
    void refusesTheOldPasswordOfAReKeyedHostAndEndsItsSessions() {
        Fixtures.AgentAccount first = fixtures.newEnrolledHost("rekey");
        try (Broker session = fixtures.as(first)) {
            Fixtures.AgentAccount second = fixtures.enroll(first.host());

            assertThat(second.user()).isEqualTo(first.user());
            assertThat(second.password()).isNotEqualTo(first.password());
            assertThatThrownBy(() -> fixtures.as(first).close()).isInstanceOf(JMSSecurityRuntimeException.class);
            fixtures.as(second).close();
            // the session opened with the old password is ended by the broker
            Poll.until(Duration.ofSeconds(20), "the old session to end", () -> {
                try {
                    session.send(Messages.RESULTS_QUEUE, "{}", Map.of("marker", UUID.randomUUID().toString()));
                    return false;
                } catch (JMSRuntimeException ended) {
                    return true;
                }
            });
        }
        assertThat(actionsOnHost(first.host())).contains("host.enroll", "host.rekey");
        remove(first.host());
    }

    @Test
    void refusesNamesThatWereNeverEnrolledAndTheOldSharedAccount() {
        String never = "agent-never-" + UUID.randomUUID().toString().substring(0, 8);

        assertThatThrownBy(() -> berth.broker(never, "any-password").close())
                .isInstanceOf(JMSSecurityRuntimeException.class);
        assertThatThrownBy(() -> berth.broker("agent", berth.brokerPassword("agent")).close())
                .isInstanceOf(JMSSecurityRuntimeException.class);
        // the local agent's own account works
        berth.broker("agent").close();
    }

    @Test
    void removesAHostWithoutUnitsAndRevokesItsAccount() {
        Fixtures.AgentAccount agent = fixtures.newEnrolledHost("gone");
        long unit = fixtures.newUnit(fixtures.newUser("64m", 512), agent.host(), RunningBerth.freePort());

        Api.Reply busy = berth.admin().delete("/hosts/" + agent.host());
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.error()).contains("host " + agent.host() + " still has 1 unit(s)");

        // no agent runs for the host: the test answers the unit's delete as that host's agent
        String delete = fixtures.request(berth.admin(), unit, "delete");
        try (Broker asAgent = fixtures.as(agent)) {
            asAgent.send(Messages.RESULTS_QUEUE, Messages.toJson(AgentResult.succeeded(delete, unit, agent.host(),
                    ObservedState.REMOVED, null)), Map.of(Messages.TYPE, "RESULT", Messages.COMMAND_ID, delete));
        }
        Poll.until(Duration.ofSeconds(20), "unit " + unit + " to be deleted",
                () -> berth.admin().get("/units/" + unit).status() == 404);
        assertThat(berth.admin().delete("/hosts/" + agent.host()).status()).isEqualTo(204);

        assertThat(berth.admin().get("/hosts/" + agent.host()).status()).isEqualTo(404);
        assertThatThrownBy(() -> fixtures.as(agent).close()).isInstanceOf(JMSSecurityRuntimeException.class);
        assertThat(actionsOnHost(agent.host())).contains("host.enroll", "host.remove");
    }

    @Test
    void enrollsOnlyForAdminsAndValidNamesAndAnswersThePasswordOnce() {
        String user = fixtures.newUser("64m", 512);
        Fixtures.AgentAccount agent = fixtures.newEnrolledHost("once");

        Api.Reply asUser = berth.as(user, Fixtures.PASSWORD).post("/hosts/x-" + user + "/enrollment", "");
        Api.Reply badName = berth.admin().post("/hosts/a%20b/enrollment", "");
        Api.Reply anonymous = berth.anonymous().post("/hosts/" + agent.host() + "/enrollment", "");
        JsonObject host = berth.admin().get("/hosts/" + agent.host()).json();

        assertThat(asUser.status()).isEqualTo(403);
        assertThat(asUser.error()).contains("only an administrator may enroll a host's agent");
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.error()).contains("host name 'a b' is not valid");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(agent.user()).isEqualTo("agent-" + agent.host());
        assertThat(host.getString("state")).isEqualTo("DEFINED");
        assertThat(host.getBoolean("enrolled")).isTrue();
        assertThat(berth.admin().get("/hosts/" + agent.host()).body()).doesNotContain(agent.password());
        assertThat(berth.admin().get("/audit?limit=500").body()).doesNotContain(agent.password());
        assertThat(berth.log()).doesNotContain(agent.password());
        remove(agent.host());
    }

    private void heartbeat(Fixtures.AgentAccount from, String host) {
        try (Broker broker = fixtures.as(from)) {
            broker.send(Messages.RESULTS_QUEUE, Messages.toJson(new Heartbeat(Messages.VERSION, host, "127.0.0.3",
                    "20.10", 2, 1L << 30, null, Instant.now(), null)), Map.of(Messages.TYPE, "HEARTBEAT",
                    Messages.HOST, host));
        }
    }

    private JsonObject auditOf(long unit, String action) {
        JsonObject[] found = new JsonObject[1];
        Poll.until(Duration.ofSeconds(20), action + " in the audit trail of unit " + unit, () -> {
            found[0] = berth.admin().get("/audit?unit=" + unit).array().stream().map(JsonValue::asJsonObject)
                    .filter(r -> r.getString("action").equals(action)).findFirst().orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    private List<String> actionsOnHost(String host) {
        return berth.admin().get("/audit?limit=500").array().stream().map(JsonValue::asJsonObject)
                .filter(r -> r.getString("target").equals("host " + host)).map(r -> r.getString("action")).toList();
    }

    private void remove(String host) {
        Api.Reply removed = berth.admin().delete("/hosts/" + host);
        assertThat(removed.status()).as(removed.body()).isEqualTo(204);
    }
}
