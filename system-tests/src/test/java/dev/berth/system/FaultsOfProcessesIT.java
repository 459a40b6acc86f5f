package dev.berth.system;


import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.berth.agent.isolation.control.HostTraces;
import dev.berth.testsupport.AgentProcess;
import dev.berth.testsupport.Api;
import dev.berth.testsupport.BerthProcess;
import dev.berth.testsupport.Dockers;
import dev.berth.testsupport.FreePorts;
import dev.berth.testsupport.Poll;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults of Berth's own processes, on a Berth of this class's own (its processes are killed, so not the shared one):
 * an agent-only process of a second host killed mid-start and started again; that host's Docker engine (one of this
 * class's own, {@code scripts/engine}) restarted under running units; the embedded Berth killed with {@code kill -9}
 * while 20 starts are in flight and started again on its data directory; that host silent for 70 s (its agent
 * frozen with SIGSTOP) and back; after each of the last two, whether the agent-only host takes commands again. The
 * cases share the Berth and run in order; each asserts its end state and measures the time to it
 * ({@link FaultRun}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsOfProcessesIT {

    private static final String HOST = "itf-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String AGENT_HOST = "itf2-" + UUID.randomUUID().toString().substring(0, 8);
    /** Kept between runs (stopped, not removed), so that its unit images are loaded once. */
    private static final String ENGINE = "berth-faults";
    private static final String ENGINE_SOCKET = "unix:///run/berth-engine-" + ENGINE + "/docker.sock";
    /** The second host's units publish on a loopback address of their own. */
    private static final String AGENT_ADDRESS = "127.0.0.6";
    private static final int OFFLINE_AFTER_SECONDS = 10;
    private static final Duration SILENCE = Duration.ofSeconds(70);
    private static final Duration BOOT = Duration.ofMinutes(4);

    private BerthProcess berth;
    private AgentProcess agent;
    private Path dataDir;
    private Path agentDataDir;
    private DockerClient docker;
    private DockerClient engine;
    /** The unit of the host that was silent, for the case after it. */
    private long silentUnit;

    @BeforeAll
    void start() throws Exception {
        dataDir = Files.createTempDirectory("berth-itf-");
        agentDataDir = Files.createTempDirectory("berth-itf2-");
        Process engineStart = engine("start");
        berth = BerthProcess.launch(RunningBerth.root(), HOST, dataDir, log("berth").toPath(), Map.of(
                "BERTH_AGENT_BIND_ADDRESS", "127.0.0.1",
                "BERTH_AGENT_HEARTBEAT_SECONDS", "1",
                "BERTH_HOST_OFFLINE_AFTER_SECONDS", String.valueOf(OFFLINE_AFTER_SECONDS),
                // agents on one machine carve their users' networks from ranges of their own
                "BERTH_AGENT_UNIT_NETWORKS", "172.28.0.0/16"));
        docker = Dockers.local();
        awaitEngine(engineStart);
        engine = SecondHost.dockerClient(ENGINE_SOCKET);
        // what an earlier run may have left on the kept engine
        engine.listContainersCmd().withShowAll(true).withLabelFilter(List.of("berth.host")).exec()
                .forEach(c -> engine.removeContainerCmd(c.getId()).withForce(true).exec());
        berth.awaitReady(BOOT);
        AgentProcess.Enrollment enrollment = AgentProcess.enroll(berth.admin(), AGENT_HOST, agentDataDir);
        agent = AgentProcess.launch(RunningBerth.root(), enrollment, agentDataDir, berth.brokerPort(), berth.url(),
                log("agent").toPath(), Map.of(
                        "BERTH_AGENT_ADDRESS", AGENT_ADDRESS,
                        "BERTH_AGENT_BIND_ADDRESS", AGENT_ADDRESS,
                        "BERTH_DOCKER_HOST", ENGINE_SOCKET,
                        "BERTH_AGENT_HEARTBEAT_SECONDS", "1",
                        "BERTH_AGENT_UNIT_NETWORKS", "172.25.0.0/16"));
        agent.awaitOnline(berth.admin(), BOOT, host -> true);
    }

    @Test
    @Order(3)
    void startsAllOfTwentyStartsInFlightWhenBerthWasKilled() throws Exception {
        Api admin = berth.admin();
        String user = newUser(admin);
        List<Long> units = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            units.add(newUnit(admin, user, HOST));
        }
        FaultRun run = new FaultRun("`kill -9` of the embedded Berth with 20 starts in flight, started again",
                admin, Duration.ofMinutes(3)).units(units);
        for (long unit : units) {
            run.command(start(admin, unit));
        }

        run.injected();
        berth.kill();
        berth = berth.launchAgain();

        run.converges("all 20 RUNNING, one running container each", () -> berth.alive()
                && allRunning(berth.admin(), units, docker, HOST), () -> duplicated(docker, HOST));
    }

    @Test
    @Order(1)
    void startsWhatAnAgentKilledMidStartWasDoing() throws Exception {
        Api admin = berth.admin();
        String user = newUser(admin);
        List<Long> units = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            units.add(newUnit(admin, user, AGENT_HOST));
        }
        FaultRun run = new FaultRun("`kill -9` of an agent-only process mid-start, started again", admin,
                Duration.ofMinutes(2)).units(units);
        for (long unit : units) {
            run.command(start(admin, unit));
        }
        // mid-start: the agent has begun to make the units' containers
        Poll.until(Duration.ofSeconds(30), "the agent to make a first container",
                () -> !containers(engine, AGENT_HOST).isEmpty());

        run.injected();
        agent.kill();
        agent = agent.launchAgain();

        run.converges("all 5 RUNNING, one running container each", () -> allRunning(admin, units, engine, AGENT_HOST),
                () -> duplicated(engine, AGENT_HOST));
    }

    @Test
    @Order(2)
    void startsUnitsAgainAfterTheirEngineRestarted() throws Exception {
        Api admin = berth.admin();
        FaultRun.assumeReconciler(admin);
        List<Long> units = runningUnits(admin, AGENT_HOST, 3);
        FaultRun run = new FaultRun("restart of a host's Docker engine under 3 running units", admin,
                Duration.ofMinutes(2)).units(units);

        run.injected();
        awaitEngine(engine("stop"));
        awaitEngine(engine("start"));

        run.converges("all 3 RUNNING again, one running container each", () -> allRunning(admin, units, engine,
                AGENT_HOST) && units.stream().allMatch(unit -> observed(admin, unit, "RUNNING")),
                () -> duplicated(engine, AGENT_HOST));
    }

    @Test
    @Order(5)
    void marksASilentHostOfflineItsUnitsUnknownAndTakesThemBack() {
        Api admin = berth.admin();
        FaultRun.assumeReconciler(admin);
        List<Long> units = runningUnits(admin, AGENT_HOST, 1);
        long unit = units.get(0);
        silentUnit = unit;
        FaultRun run = new FaultRun("a host silent for " + SILENCE.toSeconds() + " s (agent SIGSTOP), then back",
                admin, Duration.ofMinutes(1)).units(units);

        Instant frozen = Instant.now();
        agent.pause();
        try {
            Poll.until(Duration.ofSeconds(OFFLINE_AFTER_SECONDS + 30), "host " + AGENT_HOST
                    + " OFFLINE and its unit UNKNOWN", () -> "OFFLINE".equals(hostState(admin))
                    && observed(admin, unit, "UNKNOWN"));
            // the fault itself lasts SILENCE: nothing is awaited here
            LockSupport.parkNanos(Duration.between(Instant.now(), frozen.plus(SILENCE)).toNanos());
        } finally {
            agent.resume();
        }

        run.injected();
        run.converges("host ONLINE, its unit RUNNING and observed RUNNING in its one container",
                () -> "ONLINE".equals(hostState(admin)) && allRunning(admin, units, engine, AGENT_HOST)
                        && observed(admin, unit, "RUNNING"), () -> duplicated(engine, AGENT_HOST));
    }

    @Test
    @Order(4)
    void anAgentOnlyHostTakesCommandsAgainAfterBerthWasKilled() throws Exception {
        Api admin = berth.admin();
        String user = newUser(admin);
        long unit = newUnit(admin, user, AGENT_HOST);
        FaultRun run = new FaultRun("`kill -9` of the embedded Berth: a start on an agent-only host afterwards", admin,
                Duration.ofSeconds(90)).units(List.of(unit));

        // the Berth killed in the case before: its broker, which the agent-only process is connected to, went with it
        // for about 25 s
        run.injected();
        run.command(start(admin, unit));

        run.converges("RUNNING in one running container", () -> allRunning(admin, List.of(unit), engine, AGENT_HOST),
                () -> duplicated(engine, AGENT_HOST));
    }

    @Test
    @Order(6)
    void aHostBackFromSilenceTakesCommandsAgain() throws Exception {
        Api admin = berth.admin();
        FaultRun.assumeReconciler(admin);
        long unit = silentUnit;
        FaultRun run = new FaultRun("a host back from 70 s of silence: a stop afterwards", admin,
                Duration.ofSeconds(60)).units(List.of(unit));

        run.injected();
        run.command(admin.post("/units/" + unit + "/stop", "").expect(202, "stopping unit " + unit).json()
                .getString("command"));

        run.converges("STOPPED, its container not running", () -> "STOPPED".equals(admin.get("/units/" + unit).json()
                .getString("state")) && containers(engine, AGENT_HOST).stream().filter(c -> String.valueOf(unit)
                .equals(c.getLabels().get("berth.unit"))).noneMatch(c -> "running".equals(c.getState())),
                () -> duplicated(engine, AGENT_HOST));
    }

    private String hostState(Api admin) {
        return admin.get("/hosts/" + AGENT_HOST).json().getString("state");
    }

    /** {@code count} units of a fresh user on {@code host}, started and RUNNING. */
    private List<Long> runningUnits(Api admin, String host, int count) {
        String user = newUser(admin);
        List<Long> units = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long unit = newUnit(admin, user, host);
            start(admin, unit);
            units.add(unit);
        }
        Poll.until(Duration.ofSeconds(60), "units " + units + " RUNNING", () -> units.stream()
                .allMatch(unit -> "RUNNING".equals(admin.get("/units/" + unit).json().getString("state"))));
        return units;
    }

    /** Every unit RUNNING, each in exactly one container of its engine, and that one running. */
    private static boolean allRunning(Api admin, List<Long> units, DockerClient docker, String host) {
        List<Container> all = containers(docker, host);
        return units.stream().allMatch(unit -> {
            List<Container> own = all.stream().filter(c -> String.valueOf(unit).equals(c.getLabels()
                    .get("berth.unit"))).toList();
            return own.size() == 1 && "running".equals(own.get(0).getState())
                    && "RUNNING".equals(admin.get("/units/" + unit).json().getString("state"));
        });
    }

    private static boolean observed(Api admin, long unit, String state) {
        return admin.get("/units/" + unit).json().get("observed") instanceof JsonObject observed
                && state.equals(observed.getString("state", null));
    }

    private static List<Container> containers(DockerClient docker, String host) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("berth.host", host)).exec();
    }

    private static int duplicated(DockerClient docker, String host) {
        return FaultRun.duplicated(containers(docker, host));
    }

    private static String newUser(Api admin) {
        String name = "f" + UUID.randomUUID().toString().substring(0, 8);
        admin.post("/users", """
                {"name":"%s","password":"%s","memory":"64m","cpuShares":256}""".formatted(name, Fixtures.PASSWORD))
                .expect(201, "creating user " + name);
        return name;
    }

    private static long newUnit(Api admin, String user, String host) {
        return admin.post("/units", """
                {"user":"%s","host":"%s","port":%d,"image":"berth/probe:1"}""".formatted(user, host, FreePorts.next()))
                .expect(201, "creating a unit of " + user).json().getJsonNumber("id").longValue();
    }

    private static String start(Api admin, long unit) {
        return admin.post("/units/" + unit + "/start", "").expect(202, "starting unit " + unit).json()
                .getString("command");
    }

    /** {@code scripts/engine ENGINE <action>}, started. */
    private static Process engine(String action) throws IOException {
        return new ProcessBuilder(RunningBerth.root().resolve("scripts/engine").toString(), ENGINE, action)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log("engine"))).start();
    }

    private static void awaitEngine(Process script) throws InterruptedException {
        if (!script.waitFor(3, TimeUnit.MINUTES) || script.exitValue() != 0) {
            script.destroy();
            throw new IllegalStateException("scripts/engine " + ENGINE + " failed; see " + log("engine"));
        }
    }

    /** A server log of a data directory about to be removed, kept beside the tests' other logs. */
    private static void keep(Path serverLog, String what) throws IOException {
        if (Files.exists(serverLog)) {
            Files.copy(serverLog, log(what).toPath(), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static File log(String what) {
        return new File(System.getProperty("berth.log", "target/berth-system-test.log")
                .replaceFirst("\\.log$", "") + "-faults-" + what + ".log");
    }

    @AfterAll
    void stop() throws Exception {
        if (agent != null) {
            if (agent.alive()) {
                agent.resume();
            }
            agent.close();
        }
        if (berth != null) {
            berth.close();
        }
        if (engine != null) {
            try {
                Dockers.removeLabelled(engine, Map.of("berth.host", AGENT_HOST));
                HostTraces.remove(engine, AGENT_HOST, agentDataDir);
            } finally {
                engine.close();
                awaitEngine(engine("stop"));
            }
        }
        if (docker != null) {
            Dockers.removeLabelled(docker, Map.of("berth.host", HOST));
            HostTraces.remove(docker, HOST, dataDir);
            docker.close();
        }
        if (dataDir != null) {
            keep(dataDir.resolve("logs/manager.log.0"), "berth-server");
        }
        if (agentDataDir != null) {
            keep(agentDataDir.resolve("logs/agent.log.0"), "agent-server");
        }
        for (Path dir : new Path[] {dataDir, agentDataDir}) {
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
        }
    }
}
