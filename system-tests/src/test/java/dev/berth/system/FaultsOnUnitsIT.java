package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import dev.berth.protocol.AgentResult;
import dev.berth.protocol.ContainerSpec;
import dev.berth.protocol.Messages;
import dev.berth.protocol.StartUnit;
import dev.berth.testsupport.Api;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Faults of one unit, on the shared Berth: its process killed by the kernel's OOM killer or from inside, its
 * container removed by hand, its command delivered twice, a result for a command nobody sent, a start that never
 * becomes ready. Each case asserts the end state and measures the time to it ({@link FaultRun}, a row of
 * {@code target/faults.md}); cases whose end state only the reconciler reaches are skipped without it.
 */
@ExtendWith(RunningBerth.class)
class FaultsOnUnitsIT {

    /** Detection (an engine event, at once) plus the first restart's backoff (2 s) plus the start (about 1 s). */
    private static final Duration RESTART_BOUND = Duration.ofSeconds(30);

    private final RunningBerth berth;
    private final Fixtures fixtures;
    private final Api admin;

    FaultsOnUnitsIT(RunningBerth berth) {
        this.berth = berth;
        this.fixtures = new Fixtures(berth);
        this.admin = berth.admin();
    }

    /** A RUNNING unit of a fresh user (64 MiB), its start command and its container. */
    private record Running(long unit, String start, String container) {
    }

    private Running runningUnit() {
        long unit = fixtures.newUnit(fixtures.newUser("64m", 512), RunningBerth.HOST, RunningBerth.freePort());
        String start = fixtures.request(admin, unit, "start");
        assertThat(fixtures.settled(unit).getString("state")).isEqualTo("RUNNING");
        List<Container> containers = berth.containersOf(unit);
        assertThat(containers).hasSize(1);
        return new Running(unit, start, containers.get(0).getId());
    }

    @Test
    void restartsAUnitTheKernelKilledForMemory() throws Exception {
        FaultRun.assumeReconciler(admin);
        Running running = runningUnit();
        FaultRun run = new FaultRun("OOM kill of a unit", admin, RESTART_BOUND).command(running.start())
                .units(List.of(running.unit()));

        // the unit's own processes first in the OOM killer's eyes, then more memory than its limit (64 MiB) in
        // several small hogs held at once (each tail keeps its 12 MiB line until its input ends), each smaller than
        // those processes count for
        run.injected();
        inUnit(running.container(), "for p in 1 $(pidof httpd); do echo 1000 > /proc/$p/oom_score_adj; done;"
                + " for i in 1 2 3 4 5 6 7 8; do ((head -c 12m /dev/zero; sleep 20) | tail >/dev/null) & done; wait");

        run.converges("RUNNING again after a restart for OOM", () -> restartedAndRunning(running),
                () -> duplicated(running.unit()));
        assertThat(reconcileRecords(running.unit())).as("the restart says why")
                .anyMatch(a -> a.getString("action").equals("reconcile.restart")
                        && a.getString("detail", "").contains("killed by the kernel for memory"));
        delete(running.unit());
    }

    @Test
    void restartsAUnitWhoseProcessWasKilled() throws Exception {
        FaultRun.assumeReconciler(admin);
        Running running = runningUnit();
        FaultRun run = new FaultRun("unit's process killed", admin, RESTART_BOUND).command(running.start())
                .units(List.of(running.unit()));

        run.injected();
        inUnit(running.container(), "kill -9 -1");

        run.converges("RUNNING again after a restart", () -> restartedAndRunning(running),
                () -> duplicated(running.unit()));
        assertThat(reconcileRecords(running.unit())).anyMatch(a -> a.getString("action").equals("reconcile.restart"));
        delete(running.unit());
    }

    @Test
    void makesARemovedContainerAgainUnderPolicyAlways() {
        FaultRun.assumeReconciler(admin);
        Running running = runningUnit();
        admin.put("/units/" + running.unit() + "/restart-policy", "application/json", "{\"policy\":\"always\"}")
                .expect(200, "setting policy always");
        FaultRun run = new FaultRun("`docker rm -f` of a unit's container, policy `always`", admin, RESTART_BOUND)
                .command(running.start()).units(List.of(running.unit()));

        run.injected();
        berth.docker().removeContainerCmd(running.container()).withForce(true).exec();

        run.converges("RUNNING in a new container", () -> {
            JsonObject unit = unit(running.unit());
            List<Container> containers = berth.containersOf(running.unit());
            return "RUNNING".equals(unit.getString("state")) && observed(unit, "RUNNING") && containers.size() == 1
                    && !containers.get(0).getId().equals(running.container())
                    && "running".equals(containers.get(0).getState());
        }, () -> duplicated(running.unit()));
        delete(running.unit());
    }

    @Test
    void reportsARemovedContainerUnderPolicyOnFailure() {
        FaultRun.assumeReconciler(admin);
        Running running = runningUnit();
        admin.put("/units/" + running.unit() + "/restart-policy", "application/json", "{\"policy\":\"on-failure\"}")
                .expect(200, "setting policy on-failure");
        FaultRun run = new FaultRun("`docker rm -f` of a unit's container, policy `on-failure`", admin,
                RESTART_BOUND).command(running.start()).units(List.of(running.unit()));

        run.injected();
        berth.docker().removeContainerCmd(running.container()).withForce(true).exec();

        run.converges("FAILED with the reason, not made again", () -> {
            JsonObject unit = unit(running.unit());
            return "FAILED".equals(unit.getString("state")) && !unit.getString("lastError", "").isBlank()
                    && observed(unit, "MISSING");
        }, () -> duplicated(running.unit()));
        assertThat(berth.containersOf(running.unit())).as("reported, not made again").isEmpty();
        assertThat(reconcileRecords(running.unit())).anyMatch(a -> a.getString("action").equals("reconcile.missing"));
        delete(running.unit());
    }

    @Test
    void makesOneContainerForACommandDeliveredTwice() {
        String user = fixtures.newUser("64m", 512);
        int port = RunningBerth.freePort();
        long unit = fixtures.newUnit(user, RunningBerth.HOST, port);
        String start = fixtures.request(admin, unit, "start");
        assertThat(fixtures.settled(unit).getString("state")).isEqualTo("RUNNING");
        FaultRun run = new FaultRun("the same command delivered twice", admin, Duration.ofSeconds(30)).command(start)
                .units(List.of(unit));

        StartUnit again = startAgain(start, unit, user, port);
        run.injected();
        try (Broker asManager = berth.broker("manager")) {
            for (int i = 0; i < 2; i++) {
                asManager.send(Messages.agentQueue(RunningBerth.HOST), Messages.toJson(again),
                        Map.of(Messages.TYPE, "COMMAND", Messages.PROTOCOL_VERSION, Messages.VERSION,
                                Messages.COMMAND_ID, start, Messages.UNIT_ID, unit));
            }
        }

        run.converges("both deliveries answered, the first answer kept, RUNNING", () -> audit(unit).stream()
                .filter(a -> a.getString("action").equals("command.duplicate")).count() == 2
                && "RUNNING".equals(unit(unit).getString("state")), () -> duplicated(unit));
        assertThat(berth.containersOf(unit)).hasSize(1);
        delete(unit);
    }

    @Test
    void takesAResultForAnUnknownCommandAsNothingButARecord() {
        Running running = runningUnit();
        String unknown = UUID.randomUUID().toString();
        FaultRun run = new FaultRun("a result for an unknown command", admin, Duration.ofSeconds(30))
                .command(running.start()).units(List.of(running.unit()));

        run.injected();
        try (Broker asAgent = berth.broker("agent")) {
            asAgent.send(Messages.RESULTS_QUEUE, Messages.toJson(AgentResult.failed(unknown, running.unit(),
                    RunningBerth.HOST, running.container(), "made up")), Map.of(Messages.TYPE, "RESULT",
                    Messages.PROTOCOL_VERSION, Messages.VERSION, Messages.COMMAND_ID, unknown));
        }

        run.converges("audited as result.unknown, the unit unchanged", () -> admin.get("/audit?limit=300").array()
                .stream().map(JsonValue::asJsonObject).anyMatch(a -> a.getString("action").equals("result.unknown")
                        && a.getString("target").equals("command " + unknown)), () -> duplicated(running.unit()));
        JsonObject unit = unit(running.unit());
        assertThat(unit.getString("state")).isEqualTo("RUNNING");
        assertThat(unit.getString("containerId")).isEqualTo(running.container());
        assertThat(berth.containersOf(running.unit())).singleElement()
                .satisfies(c -> assertThat(c.getState()).isEqualTo("running"));
        delete(running.unit());
    }

    @Test
    void leavesNothingRunningAfterAReadinessTimeout() throws Exception {
        // a container that runs but never answers on its port: the readiness check times out
        String image = "berth-it/silent:" + UUID.randomUUID().toString().substring(0, 8);
        String made = berth.docker().createContainerCmd("berth/probe:1")
                .withEntrypoint("/bin/sh", "-c", "exec sleep 3600")
                .withLabels(Map.of("berth.host", RunningBerth.HOST)).exec().getId();
        berth.docker().commitCmd(made).withRepository(image.split(":")[0]).withTag(image.split(":")[1]).exec();
        try {
            long unit = fixtures.newUnit(fixtures.newUser("64m", 512), RunningBerth.HOST, RunningBerth.freePort(),
                    image);
            FaultRun run = new FaultRun("a readiness timeout", admin, Duration.ofSeconds(75))
                    .units(List.of(unit));
            run.injected();
            run.command(fixtures.request(admin, unit, "start"));

            run.converges("FAILED with the reason, its container stopped", () -> {
                JsonObject state = unit(unit);
                return "FAILED".equals(state.getString("state"))
                        && berth.containersOf(unit).stream().noneMatch(c -> "running".equals(c.getState()));
            }, () -> duplicated(unit));
            assertThat(unit(unit).getString("lastError")).contains("did not answer on port");
            delete(unit);
        } finally {
            berth.docker().removeContainerCmd(made).withForce(true).exec();
            berth.docker().removeImageCmd(image).withForce(true).exec();
        }
    }

    /** The unit RUNNING (as the manager has it and observes it) in a container that runs and restarted since. */
    private boolean restartedAndRunning(Running running) {
        JsonObject unit = unit(running.unit());
        List<Container> containers = berth.containersOf(running.unit());
        return "RUNNING".equals(unit.getString("state")) && observed(unit, "RUNNING")
                && unit.getInt("restarts", 0) >= 1 && containers.size() == 1
                && "running".equals(containers.get(0).getState());
    }

    private static boolean observed(JsonObject unit, String state) {
        return unit.get("observed") instanceof JsonObject observed && state.equals(observed.getString("state", null));
    }

    private JsonObject unit(long id) {
        return admin.get("/units/" + id).json();
    }

    private List<JsonObject> audit(long unit) {
        return admin.get("/audit?limit=1000&unit=" + unit).array().stream().map(JsonValue::asJsonObject).toList();
    }

    private List<JsonObject> reconcileRecords(long unit) {
        return audit(unit).stream().filter(a -> a.getString("action").startsWith("reconcile.")).toList();
    }

    /** Containers beyond one for a unit on the shared Berth's host. */
    private int duplicated(long unit) {
        return Math.max(0, berth.containersOf(unit).size() - 1);
    }

    /** Runs a shell script inside a unit's container, as the unit's user, and waits for it. */
    private static void inUnit(String container, String script) throws IOException, InterruptedException {
        Process exec = new ProcessBuilder("docker", "exec", container, "sh", "-c", script)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!exec.waitFor(60, TimeUnit.SECONDS)) {
            exec.destroyForcibly();
        }
    }

    /** The START a unit's command carried, made again from what the API tells of its owner. */
    private StartUnit startAgain(String command, long unit, String user, int port) {
        JsonObject owner = admin.get("/users/" + user).json();
        List<String> clients = owner.getJsonArray("allowedClients").getValuesAs(JsonString::getString);
        return new StartUnit(command, unit, user,
                new ContainerSpec("berth-" + user + "-" + port, "berth/probe:1", port, 64L * 1024 * 1024, 512,
                        owner.getString("home"), null, Map.of(
                        "raqsoftConfig.xml", admin.get("/users/" + user + "/config/raqsoftConfig.xml").body(),
                        "unitServer.xml", admin.get("/users/" + user + "/config/unitServer.xml").body()),
                        owner.getInt("uid"), 512, 4096, clients, owner.getJsonNumber("diskBytes").longValue(),
                        List.of(), List.of()),
                30);
    }

    private void delete(long unit) {
        fixtures.finished(fixtures.request(admin, unit, "delete"));
    }
}
