package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.berth.agent.isolation.control.HostTraces;
import dev.berth.testsupport.Api;
import dev.berth.testsupport.BerthProcess;
import dev.berth.testsupport.Dockers;
import dev.berth.testsupport.Poll;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A batch interrupted by a {@code kill -9} of Berth (a Berth of this class's own) goes on after the restart: every
 * item ends, and is answered, exactly once; the replies after the restart go to the batch's durable reply queue.
 */
class InterruptedBatchIT {

    private static final String HOST = "itb-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Duration BOOT = Duration.ofMinutes(4);
    private static final int USERS = 12;

    private static String secret(Path dataDir, String key) throws Exception {
        Properties secrets = new Properties();
        try (var in = Files.newInputStream(dataDir.resolve("secrets.env"))) {
            secrets.load(in);
        }
        return secrets.getProperty(key);
    }

    private static JsonObject json(Message message) throws JMSException {
        return Json.createReader(new StringReader(((TextMessage) message).getText())).readObject();
    }

    @Test
    void finishesEveryItemOnceAfterKillOfBerth() throws Exception {
        Path dataDir = Files.createTempDirectory("berth-itb-");
        Path log = Path.of("target", "berth-interrupted-batch.log").toAbsolutePath();
        // one start at a time on the host: the batch is still under way when Berth is killed
        BerthProcess berth = BerthProcess.launch(RunningBerth.root(), HOST, dataDir, log,
                Map.of("BERTH_AGENT_BIND_ADDRESS", "127.0.0.1", "BERTH_BATCH_STARTS_PER_HOST", "1",
                        // agents on one machine carve their users' networks from ranges of their own
                        "BERTH_AGENT_UNIT_NETWORKS", "172.27.0.0/16"));
        DockerClient docker = Dockers.local();
        try {
            berth.awaitReady(BOOT);
            String prefix = "ib" + UUID.randomUUID().toString().substring(0, 6);
            String batch = "interrupted-" + UUID.randomUUID();
            StringBuilder items = new StringBuilder();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < USERS; i++) {
                int port = RunningBerth.freePort();
                String user = prefix + i;
                items.append(i == 0 ? "" : ",").append("""
                        {"key":"u%d","op":"user.upsert","user":{"name":"%s","password":"%s","memory":"64m","cpuShares":256}},
                        {"key":"n%d","op":"unit.ensure","unit":{"user":"%s","host":"%s","port":%d,"image":"berth/probe:1"}},
                        {"key":"s%d","op":"unit.start","user":"%s","host":"%s","port":%d}"""
                        .formatted(i, user, Fixtures.PASSWORD, i, user, HOST, port, i, user, HOST, port));
                keys.addAll(List.of("u" + i, "n" + i, "s" + i));
            }
            String replyQueue = "berth.provisioning.replies." + UUID.randomUUID();
            String password = secret(dataDir, "BERTH_BROKER_PROVISIONER_PASSWORD");
            String url = "tcp://127.0.0.1:" + berth.brokerPort();
            List<JsonObject> replies = new ArrayList<>();
            try (Broker producer = new Broker(url, "provisioner", password)) {
                JMSContext jms = producer.context();
                Queue replies1 = jms.createQueue(replyQueue);
                try (JMSConsumer consumer = jms.createConsumer(replies1)) {
                    TextMessage message = jms.createTextMessage("{\"batch\":\"" + batch + "\",\"items\":[" + items
                            + "]}");
                    message.setStringProperty("type", "batch");
                    message.setJMSReplyTo(replies1);
                    jms.createProducer().send(jms.createQueue("berth.provisioning"), message);
                    // mid-batch: a few starts answered, most not yet
                    while (replies.stream().filter(r -> r.getString("key", "").startsWith("s")).count() < 2) {
                        Message reply = consumer.receive(120_000);
                        assertThat(reply).as("replies before the kill; so far " + replies).isNotNull();
                        replies.add(json(reply));
                    }
                }
            }
            assertThat(replies).as("the batch was under way, not done").noneMatch(r -> r.containsKey("done"));

            berth.kill();
            berth = berth.launchAgain();
            berth.awaitReady(BOOT);

            try (Broker producer = new Broker(url, "provisioner", password)) {
                JMSContext jms = producer.context();
                try (JMSConsumer consumer = jms.createConsumer(jms.createQueue(replyQueue))) {
                    while (replies.stream().noneMatch(r -> r.containsKey("done"))) {
                        Message reply = consumer.receive(180_000);
                        assertThat(reply).as("replies after the restart; so far " + replies).isNotNull();
                        replies.add(json(reply));
                    }
                    assertThat(consumer.receive(3_000)).as("nothing after the summary").isNull();
                }
            }
            List<String> answered = replies.stream().filter(r -> r.containsKey("key")).map(r -> r.getString("key"))
                    .toList();
            assertThat(answered).as("every item answered exactly once").containsExactlyInAnyOrderElementsOf(keys);
            JsonObject done = replies.get(replies.size() - 1);
            assertThat(done.getInt("applied") + done.getInt("unchanged") + done.getInt("failed")).isEqualTo(keys.size());

            Api admin = berth.admin();
            JsonObject view = admin.get("/batches/" + batch).expect(200, "the batch").json();
            assertThat(view.getString("state")).isEqualTo("DONE");
            for (int i = 0; i < USERS; i++) {
                String user = prefix + i;
                assertThat(admin.get("/audit?user=" + user + "&limit=1000").array().getValuesAs(JsonObject.class))
                        .as("user %s made once", user)
                        .filteredOn(r -> "user.create".equals(r.getString("action"))).hasSize(1);
            }
            Poll.until(Duration.ofSeconds(60), "every unit settled", () -> admin.get("/units").array()
                    .getValuesAs(JsonObject.class).stream().allMatch(u -> Fixtures.SETTLED.contains(
                            u.getString("state"))));
            assertThat(FaultRun.duplicated(docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of("berth.host", HOST)).exec())).as("no unit with two containers").isZero();
        } finally {
            berth.close();
            // its units' containers, and what the agent set up on the machine for them: home file systems (mounted),
            // networks, firewall rules
            Dockers.removeLabelled(docker, Map.of("berth.host", HOST));
            HostTraces.remove(docker, HOST, dataDir);
        }
    }
}
