package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.berth.agent.isolation.control.HostTraces;
import dev.berth.testsupport.Api;
import dev.berth.testsupport.BerthProcess;
import dev.berth.testsupport.Dockers;
import dev.berth.testsupport.FreePorts;
import dev.berth.testsupport.Poll;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A crash inside the commit of a start, on a Berth of its own: the failpoint {@code halt-in-commit} halts the JVM once
 * the database and the broker have prepared and the transaction manager has logged its decision, before either
 * committed. At the next start, recovery completes the transaction from the log in the data directory: the command,
 * its audit record and the message to the agent all appear, the unit ends RUNNING with one container, and nothing is
 * left in doubt (the unit's row is not locked: a stop goes through).
 */
class CrashInCommitIT {

    private static final String HOST = "crash-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String PASSWORD = "pw-" + UUID.randomUUID();

    private static Path dataDir;
    private static BerthProcess berth;

    @BeforeAll
    static void startBerth() throws IOException {
        dataDir = Files.createTempDirectory("berth-crash-");
        berth = BerthProcess.launch(RunningBerth.root(), HOST, dataDir, log("crash.log"), Map.of(
                "BERTH_AGENT_BIND_ADDRESS", "127.0.0.1",
                "BERTH_AGENT_HEARTBEAT_SECONDS", "1"));
        berth.awaitReady(Duration.ofMinutes(4));
    }

    @Test
    void aStartCutShortInsideItsCommitIsCompletedAtTheNextStart() throws IOException {
        Api admin = berth.admin();
        Api.Reply user = admin.post("/users", """
                {"name":"crash","password":"%s","memory":"128m","cpuShares":256}""".formatted(PASSWORD));
        assertThat(user.status()).as(user.body()).isEqualTo(201);
        Api.Reply created = admin.post("/units", """
                {"user":"crash","host":"%s","port":%d,"image":"berth/probe:1"}""".formatted(HOST, FreePorts.next()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long unit = created.json().getJsonNumber("id").longValue();
        Path failpoint = dataDir.resolve("faults/halt-in-commit");
        Files.createDirectories(failpoint.getParent());
        Files.createFile(failpoint);

        try {
            Api.Reply answer = admin.post("/units/" + unit + "/start", "");
            assertThat(answer.status()).as("a start whose commit halts Berth gets no answer: " + answer.body())
                    .isNotEqualTo(202);
        } catch (UncheckedIOException expected) {
            // the connection died with the JVM
        }
        Poll.until(Duration.ofSeconds(60), "Berth to halt inside the commit", () -> !berth.alive());
        assertThat(failpoint).as("the failpoint fired (and fires once)").doesNotExist();

        berth = berth.relaunch(log("crash-again.log"));
        berth.awaitReady(Duration.ofMinutes(4));

        admin = berth.admin();
        Api api = admin;
        JsonObject[] last = new JsonObject[1];
        Poll.until(Duration.ofSeconds(60), "unit " + unit + " to run after the restart", () -> {
            last[0] = api.get("/units/" + unit).json();
            return "RUNNING".equals(last[0].getString("state"));
        });
        String command = last[0].getString("lastCommand");
        JsonObject row = admin.get("/commands/" + command).json();
        assertThat(row.getString("state")).as(row.toString()).isEqualTo("SUCCEEDED");
        assertThat(admin.get("/audit?unit=" + unit).body()).as("the request's audit record and the agent's answer")
                .contains("\"action\":\"unit.start\",\"actor\":\"admin\"", "command " + command + " sent to host",
                        "command " + command + ": RUNNING");
        assertThat(containers()).as("the unit's containers").hasSize(1)
                .allMatch(container -> "running".equals(container.getState()));

        Api.Reply stop = admin.post("/units/" + unit + "/stop", "");
        assertThat(stop.status()).as("nothing left in doubt locks the unit: " + stop.body()).isEqualTo(202);
        Poll.until(Duration.ofSeconds(60), "unit " + unit + " to stop",
                () -> "STOPPED".equals(api.get("/units/" + unit).json().getString("state")));
    }

    private static List<Container> containers() {
        try (DockerClient docker = Dockers.local()) {
            return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("berth.host", HOST)).exec();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (berth != null) {
            berth.close();
            Files.copy(berth.serverLog(), log("crash-server.log"), StandardCopyOption.REPLACE_EXISTING);
        }
        try (DockerClient docker = Dockers.local()) {
            containers().forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
            HostTraces.remove(docker, HOST, dataDir);
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    static Path log(String suffix) {
        return Path.of(System.getProperty("berth.log", "target/berth-system-test.log").replaceFirst("\\.log$", "")
                + "-" + suffix);
    }
}
