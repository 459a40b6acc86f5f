package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.berth.agent.isolation.control.HostTraces;
import dev.berth.testsupport.Api;
import dev.berth.testsupport.BerthProcess;
import dev.berth.testsupport.Dockers;
import dev.berth.testsupport.FreePorts;
import dev.berth.testsupport.Poll;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database away for 10 s while agents answer: a Berth of its own whose H2 database is served by an H2 TCP server
 * in a process of its own, which the test kills right after units' starts were accepted (their image is ready only
 * 4 s after its start, so every answer comes while the database is away) and starts again 10 s later.
 * The agent's results, which the manager cannot apply meanwhile, are delivered again with a growing delay and
 * applied once the database is back: every unit ends RUNNING, every command has ended (after the database returned),
 * and nothing is left in the dead-letter queue. The connection pool recovers by itself.
 */
class DatabaseOutageIT {

    private static final String HOST = "db-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static final int UNITS = 3;
    private static final Set<String> ENDED = Set.of("SUCCEEDED", "FAILED", "EXPIRED");
    private static final String SLOW_IMAGE = "berth-it/slow-probe:" + UUID.randomUUID().toString().substring(0, 8);

    private static Path dataDir;
    private static int databasePort;
    private static Process database;
    private static BerthProcess berth;
    private static DockerClient docker;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("berth-outage-");
        databasePort = FreePorts.next();
        database = startDatabase();
        berth = BerthProcess.launch(RunningBerth.root(), HOST, dataDir, log("outage.log"), Map.of(
                "BERTH_DB_URL", "jdbc:h2:tcp://127.0.0.1:" + databasePort + "/berth",
                "BERTH_AGENT_BIND_ADDRESS", "127.0.0.1",
                "BERTH_AGENT_HEARTBEAT_SECONDS", "1",
                // the main engine's kernel has the main Berth's unit networks (172.30/16): this agent's come from
                // elsewhere
                "BERTH_AGENT_UNIT_NETWORKS", "172.28.0.0/16"));
        berth.awaitReady(Duration.ofMinutes(4));
        docker = Dockers.local();
    }

    @AfterAll
    static void stop() throws IOException {
        if (berth != null) {
            berth.close();
            Files.copy(berth.serverLog(), log("outage-server.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (database != null) {
            database.destroyForcibly();
        }
        if (docker != null) {
            Dockers.removeLabelled(docker, Map.of("berth.host", HOST));
            new ProcessBuilder("docker", "rmi", "-f", SLOW_IMAGE).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            HostTraces.remove(docker, HOST, dataDir);
            docker.close();
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /**
     * The probe, ready 4 s after its start: its START result certainly reaches the manager while the database is
     * away, however fast the test kills it after the requests.
     */
    private static String slowImage() throws Exception {
        String image = SLOW_IMAGE;
        Process build = new ProcessBuilder("docker", "build", "-q", "-t", image, "-").redirectErrorStream(true).start();
        build.getOutputStream().write("""
                FROM berth/probe:1
                ENTRYPOINT ["/bin/sh", "-c", "/bin/busybox sleep 4; exec /bin/start.sh"]
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        build.getOutputStream().close();
        String output = new String(build.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(build.waitFor()).as(output).isZero();
        return image;
    }

    @Test
    void appliesTheResultsThatCameWhileTheDatabaseWasAwayOnceItIsBack() throws Exception {
        Api admin = berth.admin();
        String image = slowImage();
        String user = "o" + UUID.randomUUID().toString().substring(0, 8);
        admin.post("/users", """
                {"name":"%s","alias":"%s","password":"%s","memory":"64m","cpuShares":512}""".formatted(user, user,
                Fixtures.PASSWORD))
                .expect(201, "creating user " + user);
        List<Long> units = new ArrayList<>();
        for (int i = 0; i < UNITS; i++) {
            units.add(admin.post("/units", """
                    {"user":"%s","host":"%s","port":%d,"image":"%s"}"""
                    .formatted(user, HOST, FreePorts.next(), image)).expect(201, "defining a unit").json()
                    .getJsonNumber("id").longValue());
        }

        List<String> commands = new ArrayList<>();
        for (long unit : units) {
            commands.add(admin.post("/units/" + unit + "/start", "").expect(202, "starting unit " + unit).json()
                    .getString("command"));
        }
        // away before the agent can have answered: its results reach a manager without its database, for as long as
        // the outage lasts (a sleep on purpose: the time the database stays away)
        database.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Thread.sleep(OUTAGE.toMillis());
        database = startDatabase();
        Instant back = Instant.now();

        Poll.until(Duration.ofMinutes(2), "the database to answer Berth again", () -> {
            Api.Reply ready = new Api(berth.url(), null, null).get("/health/ready");
            return ready.status() == 200 && ready.body().contains("\"name\":\"database\",\"status\":\"UP\"");
        });
        for (long unit : units) {
            Poll.until(Duration.ofMinutes(2), "unit " + unit + " to be RUNNING",
                    () -> "RUNNING".equals(admin.get("/units/" + unit).json().getString("state", null)));
        }
        // a figure for people (docs/operations.md), not asserted
        System.out.println("DatabaseOutageIT: every unit RUNNING " + Duration.between(back, Instant.now()).toMillis()
                + " ms after the database returned");
        for (String command : commands) {
            JsonObject finished = admin.get("/commands/" + command).json();
            assertThat(finished.getString("state")).as("command " + command).isIn(ENDED)
                    .isEqualTo("SUCCEEDED");
            assertThat(Instant.parse(finished.getString("finishedAt"))).as("applied once the database was back")
                    .isAfter(back);
        }
        for (long unit : units) {
            assertThat(docker.listContainersCmd().withLabelFilter(Map.of("berth.unit", String.valueOf(unit),
                    "berth.host", HOST)).exec()).as("unit " + unit + "'s one container, running").hasSize(1);
        }
        assertThat(admin.get("/dead-letters").array()).as("nothing left in the dead-letter queue").isEmpty();
        assertThat(deadLettersInHealth()).isZero();
        assertThat(admin.get("/audit?limit=200").array().stream().map(JsonValue::asJsonObject)
                .filter(a -> a.getString("action").equals("message.reject")).toList())
                .as("no result was rejected as unreadable").isEmpty();

        for (long unit : units) {
            admin.delete("/units/" + unit).expect(202, "deleting unit " + unit);
        }
    }

    private static long deadLettersInHealth() {
        Api.Reply health = new Api(berth.url(), null, null).get("/health/live");
        return Json.createReader(new StringReader(health.body())).readObject().getJsonArray("checks").stream()
                .map(JsonValue::asJsonObject).filter(c -> c.getString("name").equals("dead-letters")).findFirst()
                .orElseThrow(() -> new AssertionError("no dead-letters check in " + health.body()))
                // Payara writes a check's numbers as JSON strings
                .getJsonObject("data").get("deadLetters").toString().replace("\"", "").transform(Long::parseLong);
    }

    /** H2's TCP server in a JVM of its own, serving the data dir's database to local clients only. */
    private static Process startDatabase() throws IOException {
        Path h2;
        try {
            h2 = Path.of(Server.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        Path dir = Files.createDirectories(dataDir.resolve("db"));
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", h2.toString(), Server.class.getName(), "-tcp", "-tcpPort", String.valueOf(databasePort),
                "-baseDir", dir.toString(), "-ifNotExists")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log("outage-h2.log")
                        .toFile())).start();
        Poll.until(Duration.ofSeconds(30), "H2's TCP server on port " + databasePort, () -> {
            if (!server.isAlive()) {
                throw new IllegalStateException("H2's TCP server exited with " + server.exitValue() + "; see "
                        + log("outage-h2.log"));
            }
            try (Socket probe = new Socket("127.0.0.1", databasePort)) {
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
        return server;
    }

    private static Path log(String suffix) {
        return Path.of(System.getProperty("berth.log", "target/berth-system-test.log").replaceFirst("\\.log$", "")
                + "-" + suffix);
    }
}
