package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import dev.berth.agent.isolation.control.HostTraces;
import dev.berth.testsupport.AgentProcess;
import dev.berth.testsupport.Dockers;
import jakarta.json.JsonString;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A rule of the agent's own changes between two starts of a unit, and the second start makes the container again with
 * the new rule. The rule changed here is one an operator changes: the interface the agent publishes units' ports on
 * ({@code BERTH_AGENT_BIND_ADDRESS}), changed by restarting an agent-only process of a host of this test's own (on
 * the main engine, with a unit network range of its own). The host's address stays, so nothing the manager sends
 * changes (a new address would change the unit's {@code unitServer.xml}, and that alone makes a new container).
 */
@ExtendWith(RunningBerth.class)
class ContainerRulesIT {

    private static final String HOST = "it3-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Duration AGENT_DEADLINE = Duration.ofMinutes(3);
    /** The host's address, the same for both agents. */
    private static final String ADDRESS = "127.0.0.4";

    private final RunningBerth berth;
    private final Fixtures fixtures;
    private final DockerClient docker;
    private Path dataDir;
    private AgentProcess agent;

    ContainerRulesIT(RunningBerth berth) {
        this.berth = berth;
        this.fixtures = new Fixtures(berth);
        this.docker = berth.docker();
    }

    @Test
    void makesAStoppedUnitsContainerAgainWhenItsAgentPublishesElsewhere() throws Exception {
        dataDir = Files.createTempDirectory("berth-it3-");
        AgentProcess.Enrollment account = AgentProcess.enroll(berth.admin(), HOST, dataDir);
        startAgent(account, "127.0.0.4", null);
        int port = RunningBerth.freePort();
        long unit = fixtures.newUnit(fixtures.newUser("64m", 512), HOST, port);
        fixtures.request(berth.admin(), unit, "start");
        assertThat(fixtures.settled(unit).getString("state")).isEqualTo("RUNNING");
        String first = containerOf(unit).getId();
        assertThat(bindAddressOf(first, port)).isEqualTo("127.0.0.4");
        fixtures.finished(fixtures.request(berth.admin(), unit, "stop"));
        assertThat(containerOf(unit).getId()).as("a stop keeps the container").isEqualTo(first);

        String lastSeen = berth.admin().get("/hosts/" + HOST).json().getString("lastSeen");
        stopAgent();
        startAgent(account, "127.0.0.5", lastSeen);
        fixtures.request(berth.admin(), unit, "start");

        assertThat(fixtures.settled(unit).getString("state")).isEqualTo("RUNNING");
        Container second = containerOf(unit);
        assertThat(second.getId()).as("made again").isNotEqualTo(first);
        assertThat(bindAddressOf(second.getId(), port)).isEqualTo("127.0.0.5");
        assertThat(second.getLabels()).containsKey("berth.config-hash").containsKey("berth.settings");
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.5:" + port + "/")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("the unit answers on its new address").isLessThan(500);
        fixtures.finished(fixtures.request(berth.admin(), unit, "delete"));
    }

    /** The unit's one container on this test's host. */
    private Container containerOf(long unit) {
        List<Container> containers = docker.listContainersCmd().withShowAll(true).withLabelFilter(
                Map.of("berth.unit", String.valueOf(unit), "berth.host", HOST)).exec();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    /** The host address the container publishes {@code port} on, as Docker was told to. */
    private String bindAddressOf(String containerId, int port) {
        Ports.Binding[] bindings = docker.inspectContainerCmd(containerId).exec().getHostConfig().getPortBindings()
                .getBindings().get(ExposedPort.tcp(port));
        assertThat(bindings).hasSize(1);
        return bindings[0].getHostIp();
    }

    /**
     * An agent-only process for this test's host on the main engine at {@code 127.0.0.4}, publishing units' ports on
     * {@code bindAddress}; returns once the host is ONLINE, heard from after {@code lastSeen} (null: at all).
     */
    private void startAgent(AgentProcess.Enrollment account, String bindAddress, String lastSeen) throws IOException {
        agent = AgentProcess.launch(RunningBerth.root(), account, dataDir, berth.brokerPort(), berth.url(),
                log().toPath(), Map.of(
                        "BERTH_AGENT_ADDRESS", ADDRESS,
                        "BERTH_AGENT_BIND_ADDRESS", bindAddress,
                        "BERTH_AGENT_HEARTBEAT_SECONDS", "1",
                        // the main engine's kernel has the main agent's unit networks (172.30/16): this agent's come
                        // from elsewhere
                        "BERTH_AGENT_UNIT_NETWORKS", "172.29.0.0/16"));
        agent.awaitOnline(berth.admin(), AGENT_DEADLINE, host -> ADDRESS.equals(host.getString("address", null))
                && host.get("lastSeen") instanceof JsonString seen && !seen.getString().equals(lastSeen));
    }

    private void stopAgent() {
        if (agent != null) {
            agent.close();
        }
    }

    @AfterEach
    void removeTheHost() throws Exception {
        stopAgent();
        Dockers.removeLabelled(docker, Map.of("berth.host", HOST));
        if (dataDir != null) {
            HostTraces.remove(docker, HOST, dataDir);
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        berth.admin().delete("/hosts/" + HOST);
    }

    private static File log() {
        return new File(System.getProperty("berth.log", "target/berth-system-test.log")
                .replaceFirst("\\.log$", "") + "-rules-agent.log");
    }
}
