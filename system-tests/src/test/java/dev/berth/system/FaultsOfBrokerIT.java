package dev.berth.system;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.berth.agent.isolation.control.HostTraces;
import dev.berth.testsupport.Api;
import dev.berth.testsupport.BerthProcess;
import dev.berth.testsupport.Dockers;
import dev.berth.testsupport.FreePorts;
import dev.berth.testsupport.Poll;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The broker restarted mid-batch, in the scale-out set-up: a Berth of this class's own with
 * {@code BERTH_BROKER_EMBEDDED=false}, connected to a {@link StandaloneBroker} in a JVM of its own (journal in a
 * directory, one account per host). Half a batch of starts is accepted, the broker is stopped and started again, the
 * other half follows; every start must end with its unit RUNNING in one container, and every accepted command must
 * end with its audit record ({@link FaultRun}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultsOfBrokerIT {

    private static final String HOST = "itb-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Duration BOOT = Duration.ofMinutes(4);

    private Path dataDir;
    private StandaloneBrokerProcess broker;
    private BerthProcess berth;
    private DockerClient docker;

    @BeforeAll
    void start() throws Exception {
        dataDir = Files.createTempDirectory("berth-itb-");
        broker = new StandaloneBrokerProcess(dataDir.resolveSibling(dataDir.getFileName() + "-broker"),
                log("broker"), HOST);
        broker.start();
        berth = BerthProcess.launch(RunningBerth.root(), HOST, dataDir, log("berth").toPath(), Map.of(
                "BERTH_BROKER_EMBEDDED", "false",
                "BERTH_BROKER_CONNECTION", broker.connection(),
                "BERTH_BROKER_MANAGER_PASSWORD", broker.managerPassword(),
                "BERTH_BROKER_AGENT_PASSWORD", broker.agentPassword(HOST),
                "BERTH_AGENT_BIND_ADDRESS", "127.0.0.1",
                "BERTH_AGENT_HEARTBEAT_SECONDS", "1",
                "BERTH_AGENT_UNIT_NETWORKS", "172.26.0.0/16"));
        docker = Dockers.local();
        berth.awaitReady(BOOT);
    }

    @Test
    void startsEveryUnitOfABatchDuringWhichTheBrokerRestarted() throws Exception {
        Api admin = berth.admin();
        String user = "b" + UUID.randomUUID().toString().substring(0, 8);
        admin.post("/users", """
                {"name":"%s","password":"%s","memory":"64m","cpuShares":256}""".formatted(user, Fixtures.PASSWORD))
                .expect(201, "creating user " + user);
        List<Long> units = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            units.add(admin.post("/units", """
                    {"user":"%s","host":"%s","port":%d,"image":"berth/probe:1"}""".formatted(user, HOST,
                    FreePorts.next())).expect(201, "creating a unit").json().getJsonNumber("id").longValue());
        }
        FaultRun run = new FaultRun("restart of the standalone broker mid-batch (10 starts)", admin,
                Duration.ofMinutes(2)).units(units);
        for (long unit : units.subList(0, 5)) {
            run.command(admin.post("/units/" + unit + "/start", "").expect(202, "starting " + unit).json()
                    .getString("command"));
        }

        run.injected();
        broker.stop();
        broker.start();
        // the second half as a client sends it: a request refused while the manager reconnects is sent again
        AtomicInteger refused = new AtomicInteger();
        for (long unit : units.subList(5, 10)) {
            Poll.until(Duration.ofSeconds(60), "a start of unit " + unit + " to be accepted", () -> {
                Api.Reply reply = admin.post("/units/" + unit + "/start", "");
                if (reply.status() == 202) {
                    run.command(reply.json().getString("command"));
                    return true;
                }
                refused.incrementAndGet();
                return false;
            });
        }

        run.converges("all 10 RUNNING, one running container each (" + refused.get()
                + " start request(s) refused after the restart and sent again)", () -> units.stream().allMatch(unit -> {
            List<Container> own = containersOf(unit);
            return own.size() == 1 && "running".equals(own.get(0).getState())
                    && "RUNNING".equals(admin.get("/units/" + unit).json().getString("state"));
        }), () -> FaultRun.duplicated(docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("berth.host", HOST)).exec()));
    }

    private List<Container> containersOf(long unit) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("berth.unit", String.valueOf(unit), "berth.host", HOST)).exec();
    }

    private static File log(String what) {
        return new File(System.getProperty("berth.log", "target/berth-system-test.log")
                .replaceFirst("\\.log$", "") + "-faults-standalone-" + what + ".log");
    }

    @AfterAll
    void stop() throws Exception {
        if (berth != null) {
            berth.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (docker != null) {
            Dockers.removeLabelled(docker, Map.of("berth.host", HOST));
            HostTraces.remove(docker, HOST, dataDir);
            docker.close();
        }
        for (Path dir : new Path[] {dataDir, dataDir == null ? null : dataDir.resolveSibling(dataDir.getFileName()
                + "-broker")}) {
            if (dir != null && Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
        }
    }
}
