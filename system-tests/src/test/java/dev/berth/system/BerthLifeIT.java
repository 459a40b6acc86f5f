package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.berth.agent.isolation.control.HostTraces;
import dev.berth.agent.platform.AgentConfiguration;
import dev.berth.testsupport.Api;
import dev.berth.testsupport.BerthProcess;
import dev.berth.testsupport.Dockers;
import dev.berth.testsupport.FreePorts;
import dev.berth.testsupport.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Berth's own life does not stop users' units, on a Berth of its own: a running unit survives {@code kill -9} of
 * Berth's JVM, Ctrl-C on {@code ./berth run} (SIGINT to every process of its group, as a terminal sends it) and
 * {@code ./berth stop} of a Berth started with {@code ./berth start}. After each, the unit's container still runs (the same one), still
 * answers on its port, its firewall rules are as they were, the Docker engine answers, and the next start of Berth
 * finds the unit RUNNING.
 */
class BerthLifeIT {

    private static final String HOST = "life-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static final Map<String, String> SETTINGS = Map.of(
            "BERTH_AGENT_BIND_ADDRESS", "127.0.0.1",
            "BERTH_AGENT_HEARTBEAT_SECONDS", "1");

    private static Path dataDir;
    private static BerthProcess berth;
    private static Process run;

    @BeforeAll
    static void startBerth() throws IOException {
        dataDir = Files.createTempDirectory("berth-life-");
        berth = BerthProcess.launch(RunningBerth.root(), HOST, dataDir, CrashInCommitIT.log("life.log"), SETTINGS);
        berth.awaitReady(Duration.ofMinutes(4));
    }

    @Test
    void stoppingBerthInAnyWayLeavesItsUnitsRunning() throws Exception {
        Api admin = berth.admin();
        Api.Reply user = admin.post("/users", """
                {"name":"life","password":"%s","memory":"128m","cpuShares":256}""".formatted(PASSWORD));
        assertThat(user.status()).as(user.body()).isEqualTo(201);
        int port = FreePorts.next();
        Api.Reply created = admin.post("/units", """
                {"user":"life","host":"%s","port":%d,"image":"berth/probe:1"}""".formatted(HOST, port));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long unit = created.json().getJsonNumber("id").longValue();
        assertThat(admin.post("/units/" + unit + "/start", "").status()).isEqualTo(202);
        awaitRunning(unit);
        String container = admin.get("/units/" + unit).json().getString("containerId");
        List<String> rules = firewall();
        assertThat(rules).as("the unit's firewall rules").isNotEmpty();
        assertThat(answers(port)).as("the unit answers on its port").isTrue();

        // a crash of Berth's JVM
        berth.jvm().orElseThrow().destroyForcibly();
        assertThat(berth.launcher().waitFor(90, TimeUnit.SECONDS)).as("./berth run ends with its JVM").isTrue();
        assertUnitLivesOn(container, port, rules, "kill -9 of Berth's JVM");

        // Ctrl-C on ./berth run in a terminal: SIGINT to its foreground process group. A test's JVM may have SIGINT
        // ignored (and a shell cannot trap a signal ignored when it started): perl resets it, as a terminal has it
        ProcessBuilder terminal = new ProcessBuilder("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV",
                RunningBerth.root().resolve("berth").toString(), "run")
                .redirectErrorStream(true).redirectOutput(CrashInCommitIT.log("life-ctrl-c.log").toFile());
        terminal.environment().putAll(environment());
        run = terminal.start();
        awaitRunning(unit);
        assertThat(berth.admin().get("/units/" + unit).json().getString("containerId")).isEqualTo(container);
        List<Long> group = new ArrayList<>();
        group.add(run.pid());
        run.descendants().forEach(p -> group.add(p.pid()));
        signal("INT", group);
        // within seconds: it took 50 to 60 s while the embedded broker stopped before the consumers let go of it
        assertThat(run.waitFor(20, TimeUnit.SECONDS)).as("./berth run ends within 20 s of Ctrl-C").isTrue();
        assertUnitLivesOn(container, port, rules, "Ctrl-C on ./berth run");

        // ./berth start, then ./berth stop
        Result start = launcher("start");
        assertThat(start.exit()).as(start.output()).isZero();
        awaitRunning(unit);
        assertThat(berth.admin().get("/units/" + unit).json().getString("containerId")).isEqualTo(container);
        Result stop = launcher("stop");
        assertThat(stop.exit()).as(stop.output()).isZero();
        assertThat(stop.output()).as("./berth stop ends Berth with TERM, not KILL").doesNotContain("killing it");
        assertUnitLivesOn(container, port, rules, "./berth stop");

        Result again = launcher("start");
        assertThat(again.exit()).as(again.output()).isZero();
        awaitRunning(unit);
        Api.Reply stopUnit = berth.admin().post("/units/" + unit + "/stop", "");
        assertThat(stopUnit.status()).as(stopUnit.body()).isEqualTo(202);
        Poll.until(Duration.ofSeconds(60), "unit " + unit + " to stop",
                () -> "STOPPED".equals(berth.admin().get("/units/" + unit).json().getString("state")));
        assertThat(launcher("stop").exit()).isZero();
    }

    private static void assertUnitLivesOn(String container, int port, List<String> rules, String how)
            throws IOException {
        assertThat(berth.alive()).as("Berth after " + how).isFalse();
        try (DockerClient docker = Dockers.local()) {
            assertThat(docker.pingCmd().exec()).as("the Docker engine answers after " + how).isNull();
            assertThat(containers(docker)).as("the unit's containers after " + how).hasSize(1)
                    .allMatch(c -> c.getId().equals(container) && "running".equals(c.getState()));
        }
        assertThat(answers(port)).as("the unit answers on its port after " + how).isTrue();
        assertThat(firewall()).as("the firewall rules after " + how).isEqualTo(rules);
    }

    private static void awaitRunning(long unit) {
        Poll.until(Duration.ofMinutes(4), "Berth ready and unit " + unit + " RUNNING", () -> {
            try {
                Api.Reply health = new Api(berth.url(), null, null).get("/health/ready");
                Api.Reply reply = berth.admin().get("/units/" + unit);
                return health.body().contains("\"name\":\"local-agent\",\"status\":\"UP\"")
                        && reply.status() == 200 && "RUNNING".equals(reply.json().getString("state"));
            } catch (UncheckedIOException notYet) {
                return false;
            }
        });
    }

    /** Whether the unit's port answers HTTP (the probe image's httpd) from this machine. */
    private static boolean answers(int port) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                            .timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() > 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** This host's agent's rules in the filter table, as iptables-save prints them. */
    private static List<String> firewall() {
        String tag = "BERTH-" + AgentConfiguration.tagOf(HOST) + "-";
        return run(List.of("iptables-save", "-t", "filter")).output().lines().filter(line -> line.contains(tag))
                .filter(line -> !line.startsWith("#")).sorted().toList();
    }

    private static void signal(String signal, List<Long> pids) {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(pid -> command.add(String.valueOf(pid)));
        run(command);
    }

    private static Result launcher(String command) {
        ProcessBuilder builder = new ProcessBuilder(RunningBerth.root().resolve("berth").toString(), command);
        builder.environment().putAll(environment());
        return run(builder);
    }

    /** The environment of the first launch: the same data dir, ports and host. */
    private static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(SETTINGS);
        env.put("BERTH_DATA_DIR", dataDir.toString());
        env.put("BERTH_HTTP_PORT", String.valueOf(berth.httpPort()));
        env.put("BERTH_BROKER_PORT", String.valueOf(berth.brokerPort()));
        env.put("BERTH_AGENT_HOST", HOST);
        return env;
    }

    private static Result run(List<String> command) {
        return run(new ProcessBuilder(command));
    }

    private static Result run(ProcessBuilder builder) {
        try {
            Process process = builder.redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(builder.command() + " did not return: " + output);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<Container> containers(DockerClient docker) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("berth.host", HOST)).exec();
    }

    @AfterAll
    static void cleanUp() throws IOException {
        launcher("stop");
        if (run != null && run.isAlive()) {
            BerthProcess.stop(run);
        }
        if (berth != null) {
            berth.close();
            Files.copy(berth.serverLog(), CrashInCommitIT.log("life-server.log"), StandardCopyOption.REPLACE_EXISTING);
        }
        try (DockerClient docker = Dockers.local()) {
            containers(docker).forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
            HostTraces.remove(docker, HOST, dataDir);
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private record Result(int exit, String output) {
    }
}
