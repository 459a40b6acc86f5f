package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.protocol.DeadLetters;
import dev.berth.protocol.Heartbeat;
import dev.berth.protocol.Messages;
import dev.berth.testsupport.Api;
import dev.berth.testsupport.Poll;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dead-letter queue as an admin works it through the API: letters put there for real (an unreadable result the
 * manager kept; letters an agent account sent there itself), listed with their origin, reason and sender, replayed to
 * the queue they came from (counting as sent by their original sender, never by one they only claim), discarded;
 * each replay and discard audited.
 */
@ExtendWith(RunningBerth.class)
class DeadLettersIT {

    private static final Duration KEPT_WITHIN = Duration.ofSeconds(20);

    private final RunningBerth berth;
    private final Fixtures fixtures;

    DeadLettersIT(RunningBerth berth) {
        this.berth = berth;
        this.fixtures = new Fixtures(berth);
    }

    @Test
    void listsAnUnreadableResultWithItsReasonAndDiscardsIt() {
        String commandId = "unreadable-" + UUID.randomUUID();
        try (Broker asAgent = berth.broker("agent")) {
            asAgent.send(Messages.RESULTS_QUEUE, "[1, 2", Map.of(Messages.TYPE, "RESULT", Messages.COMMAND_ID,
                    commandId));
        }
        JsonObject letter = awaitLetter(commandId);

        assertThat(letter.getString("origin")).isEqualTo(Messages.RESULTS_QUEUE);
        assertThat(letter.getString("reason")).contains("not a valid AgentResult");
        assertThat(letter.getBoolean("movedByBroker")).isFalse();
        assertThat(letter.getString("type")).isEqualTo("RESULT");
        assertThat(letter.getString("sender")).isEqualTo(Messages.agentUser(RunningBerth.HOST));
        assertThat(letter.getString("body")).isEqualTo("[1, 2");
        assertThat(letter.getInt("bodyLength")).isEqualTo(5);
        assertThat(letter.getString("at")).isNotBlank();
        assertThat(deadLettersInHealth()).isPositive();

        String id = letter.getString("id");
        assertThat(berth.admin().delete("/dead-letters/" + id).status()).isEqualTo(204);

        assertThat(find(commandId)).isEmpty();
        assertThat(audited("deadletter.discard", id)).as("the discard in the audit trail").isPresent().get()
                .satisfies(a -> assertThat(a.getString("detail")).contains("RESULT").contains(commandId)
                        .contains("not a valid AgentResult"));
        Api.Reply again = berth.admin().delete("/dead-letters/" + id);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.error()).contains("no dead letter " + id);
    }

    @Test
    void replaysALetterToItsQueueAsSentByItsOriginalSender() {
        Fixtures.AgentAccount agent = fixtures.newEnrolledHost("dl");
        String marker = UUID.randomUUID().toString();
        try (Broker asAgent = fixtures.as(agent)) {
            // a heartbeat of the agent's own host, in the DLQ as if the manager had kept it
            asAgent.send(Messages.DEAD_LETTER_QUEUE, heartbeat(agent.host()), Map.of(Messages.TYPE, "HEARTBEAT",
                    Messages.COMMAND_ID, marker, DeadLetters.ORIGIN, Messages.RESULTS_QUEUE, DeadLetters.REASON,
                    "kept by hand for this test"));
        }
        JsonObject letter = awaitLetter(marker);
        assertThat(letter.getString("sender")).isEqualTo(agent.user());
        assertThat(host(agent.host())).isEqualTo("DEFINED");

        Api.Reply replayed = berth.admin().post("/dead-letters/" + letter.getString("id") + "/replay", "");

        assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
        assertThat(replayed.json().getString("origin")).isEqualTo(Messages.RESULTS_QUEUE);
        Poll.until(KEPT_WITHIN, "the replayed heartbeat to register host " + agent.host(),
                () -> !"DEFINED".equals(host(agent.host())));
        assertThat(find(marker)).isEmpty();
        assertThat(audited("deadletter.replay", letter.getString("id"))).isPresent().get()
                .satisfies(a -> assertThat(a.getString("detail")).contains("back to " + Messages.RESULTS_QUEUE)
                        .contains(agent.user()));
    }

    @Test
    void aReplayedLetterCountsAsSentByWhoSentItNotByWhoItClaims() {
        Fixtures.AgentAccount forger = fixtures.newEnrolledHost("dlf");
        Fixtures.AgentAccount victim = fixtures.newEnrolledHost("dlv");
        String marker = UUID.randomUUID().toString();
        try (Broker asForger = fixtures.as(forger)) {
            // the victim's heartbeat, claiming to be the victim's in every property a sender can set
            asForger.send(Messages.DEAD_LETTER_QUEUE, heartbeat(victim.host()), Map.of(Messages.TYPE, "HEARTBEAT",
                    Messages.COMMAND_ID, marker, DeadLetters.ORIGIN, Messages.RESULTS_QUEUE, DeadLetters.REASON,
                    "forged", DeadLetters.SENDER, victim.user(), DeadLetters.REPLAYED_FOR, victim.user()));
        }
        JsonObject letter = awaitLetter(marker);
        assertThat(letter.getString("sender")).isEqualTo(forger.user());

        assertThat(berth.admin().post("/dead-letters/" + letter.getString("id") + "/replay", "").status())
                .isEqualTo(200);

        Poll.until(KEPT_WITHIN, "the replayed heartbeat to be audited as forged", () -> berth.admin()
                .get("/audit?limit=200").array().stream().map(JsonValue::asJsonObject)
                .anyMatch(a -> a.getString("action").equals("agent.forged")
                        && a.getString("target").equals("host " + victim.host())));
        assertThat(host(victim.host())).isEqualTo("DEFINED");
    }

    @Test
    void refusesToReplayALetterFromNoQueueOfBerthsAndRefusesABadId() {
        String marker = UUID.randomUUID().toString();
        try (Broker asAgent = berth.broker("agent")) {
            asAgent.send(Messages.DEAD_LETTER_QUEUE, "{}", Map.of(Messages.COMMAND_ID, marker));
        }
        String id = awaitLetter(marker).getString("id");

        Api.Reply refused = berth.admin().post("/dead-letters/" + id + "/replay", "");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error()).contains("can only be discarded");
        assertThat(find(marker)).as("still there after the refusal").isPresent();
        Api.Reply bad = berth.admin().post("/dead-letters/1%27%20OR%20%271%27=%271/replay", "");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error()).contains("no dead letter's id");
        assertThat(berth.admin().delete("/dead-letters/" + id).status()).isEqualTo(204);
    }

    private static String heartbeat(String host) {
        return Messages.toJson(new Heartbeat(Messages.VERSION, host, "192.0.2.9", "20.10", 2, 1L << 30, null,
                Instant.now(), null));
    }

    private JsonObject awaitLetter(String commandId) {
        JsonObject[] found = new JsonObject[1];
        Poll.until(KEPT_WITHIN, "a dead letter of command " + commandId, () -> {
            found[0] = find(commandId).orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    private Optional<JsonObject> find(String commandId) {
        Api.Reply listed = berth.admin().get("/dead-letters");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        return listed.array().stream().map(JsonValue::asJsonObject)
                .filter(l -> commandId.equals(l.getString("commandId", null))).findFirst();
    }

    private Optional<JsonObject> audited(String action, String id) {
        return berth.admin().get("/audit?limit=200").array().stream().map(JsonValue::asJsonObject)
                .filter(a -> a.getString("action").equals(action) && a.getString("target").equals("message " + id))
                .findFirst();
    }

    private String host(String name) {
        return berth.admin().get("/hosts/" + name).json().getString("state");
    }

    private long deadLettersInHealth() {
        Api.Reply health = new Api(berth.url(), null, null).get("/health/live");
        JsonObject check = Json.createReader(new StringReader(health.body())).readObject().getJsonArray("checks")
                .stream().map(JsonValue::asJsonObject).filter(c -> c.getString("name").equals("dead-letters"))
                .findFirst().orElseThrow(() -> new AssertionError("no dead-letters check in " + health.body()));
        assertThat(check.getString("status")).isEqualTo("UP");
        // Payara writes a check's numbers as JSON strings
        return Long.parseLong(check.getJsonObject("data").get("deadLetters").toString().replace("\"", ""));
    }
}
