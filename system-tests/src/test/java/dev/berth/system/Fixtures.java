package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testsupport.Api;
import dev.berth.testsupport.Poll;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/** Users and units made fresh for each test, so that tests share nothing. */
final class Fixtures {

    static final String PASSWORD = "pw-" + UUID.randomUUID();
    static final Set<String> SETTLED = Set.of("RUNNING", "STOPPED", "FAILED");

    private final RunningBerth berth;

    Fixtures(RunningBerth berth) {
        this.berth = berth;
    }

    String newUser(String memory, int cpuShares) {
        String name = "u" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply created = berth.admin().post("/users", """
                {"name":"%s","alias":"张三 %s","password":"%s","memory":"%s","cpuShares":%d}"""
                .formatted(name, name, PASSWORD, memory, cpuShares));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return name;
    }

    long newUnit(String user, String host, int port) {
        return newUnit(user, host, port, "berth/probe:1");
    }

    long newUnit(String user, String host, int port, String image) {
        Api.Reply created = berth.admin().post("/units", """
                {"user":"%s","host":"%s","port":%d,"image":"%s"}""".formatted(user, host, port, image));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().getJsonNumber("id").longValue();
    }

    /** A host's agent account, as enrolling the host answered it. */
    record AgentAccount(String host, String user, String password) {
    }

    /** Enrolls a fresh host (defined by its enrollment; no agent runs for it) and returns its agent's account. */
    AgentAccount newEnrolledHost(String prefix) {
        return enroll(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** Enrolls (or re-keys) the host and returns its agent's account. */
    AgentAccount enroll(String host) {
        Api.Reply enrolled = berth.admin().post("/hosts/" + host + "/enrollment", "");
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);
        JsonObject json = enrolled.json();
        return new AgentAccount(json.getString("host"), json.getString("user"), json.getString("password"));
    }

    /** A JMS client logged in with a host's agent account. */
    Broker as(AgentAccount agent) {
        return berth.broker(agent.user(), agent.password());
    }

    /** Posts a lifecycle request and returns its command id. */
    String request(Api api, long unit, String action) {
        Api.Reply accepted = action.equals("delete") ? api.delete("/units/" + unit)
                : api.post("/units/" + unit + "/" + action, "");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        return accepted.json().getString("command");
    }

    /** Waits until the unit leaves STARTING/STOPPING and returns it. */
    JsonObject settled(long unit) {
        JsonObject[] last = new JsonObject[1];
        Poll.until(Duration.ofSeconds(60), "unit " + unit + " to settle", () -> {
            last[0] = berth.admin().get("/units/" + unit).json();
            return SETTLED.contains(last[0].getString("state"));
        });
        return last[0];
    }

    JsonObject finished(String command) {
        JsonObject[] last = new JsonObject[1];
        Poll.until(Duration.ofSeconds(60), "command " + command + " to finish", () -> {
            last[0] = berth.admin().get("/commands/" + command).json();
            return !"PENDING".equals(last[0].getString("state"));
        });
        return last[0];
    }
}
