package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.testsupport.Api;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A provisioning producer as an HR feed would be one: it logs in to Berth's broker with the provisioning account,
 * sends batches to {@code berth.provisioning} with a temporary reply queue and reads every reply.
 */
@ExtendWith(RunningBerth.class)
class ProvisioningIT {

    private static final String QUEUE = "berth.provisioning";
    private static final long WAIT = 90_000;

    private final RunningBerth berth;
    private final Api admin;

    ProvisioningIT(RunningBerth berth) {
        this.berth = berth;
        this.admin = berth.admin();
    }

    private Broker provisioner() {
        return berth.broker("provisioner", berth.brokerPassword("provisioner"));
    }

    /** Sends a message with a fresh temporary reply queue and reads replies until the summary (done). */
    private static List<JsonObject> conversation(Broker broker, String type, String body, String correlation) {
        JMSContext jms = broker.context();
        TemporaryQueue replies = jms.createTemporaryQueue();
        try (JMSConsumer consumer = jms.createConsumer(replies)) {
            TextMessage message = jms.createTextMessage(body);
            message.setStringProperty("type", type);
            message.setJMSReplyTo(replies);
            if (correlation != null) {
                message.setJMSCorrelationID(correlation);
            }
            jms.createProducer().send(jms.createQueue(QUEUE), message);
            List<JsonObject> answers = new ArrayList<>();
            while (true) {
                Message reply = consumer.receive(WAIT);
                assertThat(reply).as("a reply within " + WAIT + " ms; so far " + answers).isNotNull();
                JsonObject json = Json.createReader(new StringReader(((TextMessage) reply).getText())).readObject();
                answers.add(json);
                if (json.getBoolean("done", false)) {
                    return answers;
                }
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, JsonObject> byKey(List<JsonObject> replies) {
        Map<String, JsonObject> items = new HashMap<>();
        replies.stream().filter(r -> r.containsKey("key")).forEach(r -> items.put(r.getString("key"), r));
        return items;
    }

    private long auditCount(String user, String action) {
        return admin.get("/audit?user=" + user + "&limit=1000").array().getValuesAs(JsonObject.class).stream()
                .filter(record -> action.equals(record.getString("action"))).count();
    }

    @Test
    void appliesMixedBatchOnceAndAnswersEveryItem() {
        String user = "pv" + UUID.randomUUID().toString().substring(0, 8);
        int port = RunningBerth.freePort();
        String host = RunningBerth.HOST;
        String batch = "hr-" + UUID.randomUUID();
        String body = """
                {"batch":"%s","items":[
                 {"key":"u1","op":"user.upsert","user":{"name":"%s","password":"%s","memory":"256m","cpuShares":512}},
                 {"key":"n1","op":"unit.ensure","unit":{"user":"%s","host":"%s","port":%d,"image":"berth/probe:1"}},
                 {"key":"s1","op":"unit.start","user":"%s","host":"%s","port":%d},
                 {"key":"bad-port","op":"unit.ensure","unit":{"user":"%s","host":"%s","port":80}},
                 {"key":"nobody","op":"unit.ensure","unit":{"user":"nobody-%s","host":"%s","port":%d}},
                 {"key":"short","op":"user.upsert","user":{"name":"%sx","password":"short","memory":"256m","cpuShares":512}}
                ]}""".formatted(batch, user, Fixtures.PASSWORD, user, host, port, user, host, port, user, host,
                user, host, RunningBerth.freePort(), user);
        try (Broker broker = provisioner()) {
            List<JsonObject> replies = conversation(broker, "batch", body, null);
            Map<String, JsonObject> items = byKey(replies);
            assertThat(items.keySet()).containsExactlyInAnyOrder("u1", "n1", "s1", "bad-port", "nobody", "short");
            assertThat(items.get("u1").getString("outcome")).isEqualTo("APPLIED");
            assertThat(items.get("n1").getString("outcome")).isEqualTo("APPLIED");
            assertThat(items.get("s1").getString("outcome")).as(items.get("s1").toString()).isEqualTo("APPLIED");
            assertThat(items.get("bad-port").getString("outcome")).isEqualTo("FAILED");
            assertThat(items.get("bad-port").getString("detail")).contains("port 80");
            assertThat(items.get("nobody").getString("detail")).contains("no user named");
            assertThat(items.get("short").getString("detail")).contains("password must have at least 8");
            JsonObject done = replies.get(replies.size() - 1);
            assertThat(done.getString("batch")).isEqualTo(batch);
            assertThat(done.getInt("applied")).isEqualTo(3);
            assertThat(done.getInt("failed")).isEqualTo(3);
            assertThat(replies).hasSize(7);

            // Berth's state through the API: the user, their unit RUNNING, acted on as the provisioning account
            JsonObject unit = admin.get("/units").array().getValuesAs(JsonObject.class).stream()
                    .filter(u -> u.getInt("port") == port && host.equals(u.getString("host"))).findFirst()
                    .orElseThrow();
            assertThat(unit.getString("state")).isEqualTo("RUNNING");
            assertThat(berth.as(user, Fixtures.PASSWORD).get("/users/" + user).status()).isEqualTo(200);
            List<JsonObject> trail = admin.get("/audit?user=" + user + "&limit=1000").array()
                    .getValuesAs(JsonObject.class);
            assertThat(trail).filteredOn(r -> "user.create".equals(r.getString("action")))
                    .allMatch(r -> r.getString("actor").equals("provisioner:provisioner"));
            long audited = trail.size();

            // the same batch again: the same answers, nothing applied twice
            List<JsonObject> again = conversation(broker, "batch", body, null);
            assertThat(again).containsExactlyInAnyOrderElementsOf(replies);
            assertThat(auditCount(user, "user.create")).isEqualTo(1);
            assertThat(admin.get("/audit?user=" + user + "&limit=1000").array()).hasSize((int) audited);

            // REST sees the batch as the producer did
            JsonObject view = admin.get("/batches/" + batch).expect(200, "the batch").json();
            assertThat(view.getString("state")).isEqualTo("DONE");
            assertThat(view.getString("submittedBy")).isEqualTo("provisioner:provisioner");
            assertThat(view.getInt("failed")).isEqualTo(3);
            admin.post("/units/" + unit.getInt("id") + "/stop", "");
        }
    }

    @Test
    void answersMalformedMessageWithReasonAndKeepsItInTheDeadLetterQueue() {
        String marker = "malformed-" + UUID.randomUUID();
        try (Broker broker = provisioner()) {
            List<JsonObject> replies = conversation(broker, "batch", "{\"batch\":\"" + marker + "\",\"items\":7}",
                    null);
            assertThat(replies).hasSize(1);
            JsonObject summary = replies.get(0);
            assertThat(summary.getString("batch")).isEqualTo(marker);
            assertThat(summary.getInt("failed")).isZero();
            assertThat(summary.getString("error")).contains("has no items");
        }
        try (Broker manager = berth.broker("manager")) {
            Message letter = manager.receive("DLQ", "berthOrigin = '" + QUEUE + "'", 10_000);
            assertThat(letter).isNotNull();
            try {
                assertThat(((TextMessage) letter).getText()).contains(marker);
                assertThat(letter.getStringProperty("berthRejectReason")).contains("has no items");
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        }
        assertThat(berth.admin().get("/batches/" + marker).status()).isEqualTo(404);
    }

    @Test
    void refusesTheProvisioningAccountOnEveryOtherQueue() {
        try (Broker broker = provisioner()) {
            assertThatThrownBy(() -> broker.send("berth.results", "{}", Map.of("type", "RESULT")))
                    .isInstanceOf(JMSRuntimeException.class);
        }
        try (Broker broker = provisioner()) {
            assertThatThrownBy(() -> broker.receive("berth.agent." + RunningBerth.HOST, null, 500))
                    .isInstanceOf(JMSRuntimeException.class);
        }
        try (Broker broker = provisioner()) {
            assertThatThrownBy(() -> broker.receive(QUEUE, null, 500)).isInstanceOf(JMSRuntimeException.class);
        }
    }

    @Test
    void appliesDockerUserXmlAsAnImport() {
        String aaa = "px" + UUID.randomUUID().toString().substring(0, 8);
        String bbb = "px" + UUID.randomUUID().toString().substring(0, 8);
        String address = admin.get("/hosts/" + RunningBerth.HOST).json().getString("address");
        String xml = GuideFiles.dockerUsers(aaa, bbb, Fixtures.PASSWORD, berth.dataDir().resolve("homes").toString(),
                address + ":" + RunningBerth.freePort(), address + ":" + RunningBerth.freePort());
        String batch = "xml-" + UUID.randomUUID();
        try (Broker broker = provisioner()) {
            List<JsonObject> replies = conversation(broker, "docker_user.xml", xml, batch);
            assertThat(replies).hasSize(2);
            assertThat(replies.get(0).getString("batch")).isEqualTo(batch);
            assertThat(replies.get(0).getString("outcome")).as(replies.toString()).isEqualTo("APPLIED");
            assertThat(replies.get(1).getInt("applied")).isEqualTo(1);
        }
        assertThat(admin.get("/users/" + aaa).status()).isEqualTo(200);
        assertThat(admin.get("/users/" + bbb).status()).isEqualTo(200);
    }
}
