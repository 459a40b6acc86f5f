package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.berth.agent.isolation.control.HostTraces;
import dev.berth.testsupport.Dockers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./berth start | status | stop} as an operator uses them, on a Berth of its own (own data dir and ports, not
 * the suite's): start returns once Berth is ready and leaves it running in the background with a pid file and its
 * server log in the data dir; status answers 0 while it runs and is ready, 3 when nothing runs; stop ends it; a pid
 * file whose process is not this Berth is recognised as stale.
 */
class LauncherIT {

    private static final String HOST = "it-launch-" + UUID.randomUUID().toString().substring(0, 8);

    private static Path dataDir;
    private static int httpPort;

    @BeforeAll
    static void dataDir() throws IOException {
        dataDir = Files.createTempDirectory("berth-launcher-");
        httpPort = RunningBerth.freePort();
    }

    @Test
    void startsInTheBackgroundReportsItsStatusAndStops() throws Exception {
        Result start = berth("start");

        assertThat(start.exit()).as(start.output()).isZero();
        assertThat(start.output()).contains("Berth is up: the console at http://localhost:" + httpPort + "/,",
                "log in as 'admin'")
                .doesNotContain(" INFO ");
        assertThat(start.output().lines()).as("a few progress lines").hasSizeLessThan(12)
                .allMatch(line -> line.startsWith("[berth] "));
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("manager.pid")).get(0).trim());
        assertThat(running(pid)).as("the process named by the pid file").isTrue();
        assertThat(Files.readString(dataDir.resolve("logs/manager.log"), StandardCharsets.UTF_8))
                .as("the server log in the data dir").contains("ready in");

        Result status = berth("status");
        assertThat(status.exit()).as(status.output()).isZero();
        assertThat(status.output()).contains("running, pid " + pid, "http://localhost:" + httpPort, "ready",
                "\"local-agent\",\"status\":\"UP\"");

        Result stop = berth("stop");
        assertThat(stop.exit()).as(stop.output()).isZero();
        assertThat(running(pid)).as("Berth after stop").isFalse();
        assertThat(dataDir.resolve("manager.pid")).doesNotExist();

        Result stopped = berth("status");
        assertThat(stopped.exit()).as(stopped.output()).isEqualTo(3);
        assertThat(stopped.output()).contains("not running");
        Result again = berth("stop");
        assertThat(again.exit()).as("stop when nothing runs: " + again.output()).isZero();
        assertThat(again.output()).contains("no manager runs");
    }

    @Test
    void aPidFileNamingAnotherProcessIsStale() throws Exception {
        // a live process that is not Berth: this test's own JVM
        Files.writeString(dataDir.resolve("manager.pid"), ProcessHandle.current().pid() + "\nhttp://localhost:1\n");

        Result status = berth("status");

        assertThat(status.exit()).as(status.output()).isEqualTo(3);
        assertThat(status.output()).contains("stale pid file");
        assertThat(dataDir.resolve("manager.pid")).doesNotExist();
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    /**
     * Whether a process runs: a zombie does not (Berth is no child of this JVM once ./berth start returned; the
     * process that inherits it may reap it late).
     */
    private static boolean running(long pid) throws IOException {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        } catch (java.nio.file.NoSuchFileException gone) {
            return false;
        }
        return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    }

    private static Result berth(String command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(RunningBerth.root().resolve("berth").toString(), command)
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("BERTH_DATA_DIR", dataDir.toString());
        env.put("BERTH_HTTP_PORT", String.valueOf(httpPort));
        env.put("BERTH_BROKER_PORT", String.valueOf(RunningBerth.freePort()));
        env.put("BERTH_GRID_PORT", String.valueOf(RunningBerth.freePort()));
        env.put("BERTH_AGENT_HOST", HOST);
        env.put("BERTH_AGENT_BIND_ADDRESS", "127.0.0.1");
        env.put("BERTH_ADMIN_PASSWORD", "admin-" + UUID.randomUUID());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("./berth " + command + " did not return: " + output);
        }
        return new Result(process.exitValue(), output);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        berth("stop");
        try (DockerClient docker = Dockers.local()) {
            List<Container> containers = docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of("berth.host", HOST)).exec();
            containers.forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
            HostTraces.remove(docker, HOST, dataDir);
        }
    }

    private record Result(int exit, String output) {
    }
}
