package dev.berth.ear;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.berth.agent.isolation.control.HostTraces;
import dev.berth.testsupport.Api;
import dev.berth.testsupport.Dockers;
import dev.berth.testsupport.FreePorts;
import dev.berth.testsupport.Poll;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The manager's EAR on a full Payara Server 6: one domain, started once, with {@code artemis-rar.rar} deployed first,
 * then {@code berth.ear} and {@code berth-agent.war} beside it, configured through the environment as
 * docs/deploying-on-payara-server.md tells an operator. A unit of the probe image is started, reached, stopped and
 * deleted through the EAR's REST API; at the end the applications are undeployed, the domain stopped and whatever
 * the test's host left on Docker removed by label.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EarOnPayaraServerIT {

    private static final String HOST = "ear-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String ADMIN_PASSWORD = "admin-" + UUID.randomUUID();
    private static final Duration READY_DEADLINE = Duration.ofMinutes(3);
    private static final Set<String> SETTLED = Set.of("RUNNING", "STOPPED", "FAILED");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static PayaraServer server;
    private static Path dataDir;
    private static DockerClient docker;

    @BeforeAll
    static void deployOnAFreshDomain() throws Exception {
        Path work = Path.of(System.getProperty("berth.ear.work", "target/payara-it"));
        Files.createDirectories(work);
        dataDir = Files.createTempDirectory(work.toAbsolutePath(), "data-");
        docker = Dockers.local();
        server = new PayaraServer(Path.of(System.getProperty("berth.payara.home")), work.toAbsolutePath());

        long t0 = System.nanoTime();
        server.create();
        long created = System.nanoTime();
        server.start(environment(FreePorts.next()));
        long started = System.nanoTime();
        server.deploy(Path.of(System.getProperty("berth.rar")), "--type", "rar", "--name", "artemis-rar");
        long rar = System.nanoTime();
        server.deploy(Path.of(System.getProperty("berth.ear")), "--name", "berth");
        long ear = System.nanoTime();
        server.deploy(Path.of(System.getProperty("berth.agent.war")), "--name", "berth-agent",
                "--contextroot", "berth-agent");
        long agent = System.nanoTime();
        awaitReady();
        long ready = System.nanoTime();
        System.out.printf("[ear-it] domain created %.1f s, started %.1f s, artemis-rar deployed %.1f s,"
                        + " berth.ear %.1f s, berth-agent.war %.1f s, ready %.1f s later; %.1f s in all%n",
                seconds(created - t0), seconds(started - created), seconds(rar - started), seconds(ear - rar),
                seconds(agent - ear), seconds(ready - agent), seconds(ready - t0));
    }

    @Test
    @Order(1)
    void isReadyWithTheDatabaseTheBrokerAndTheLocalAgentUp() {
        Api.Reply ready = anonymous().get("/health/ready");

        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        Map<String, String> checks = ready.json().getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(c -> c.getString("name"), c -> c.getString("status")));
        assertThat(checks).containsEntry("database", "UP").containsEntry("broker", "UP")
                .containsEntry("local-agent", "UP");
        assertThat(anonymous().get("/api/hosts").status()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void startsReachesStopsAndDeletesAUnitThroughTheEar() throws Exception {
        String user = "e" + UUID.randomUUID().toString().substring(0, 8);
        int port = FreePorts.next();
        assertThat(admin().post("/api/users", """
                {"name":"%s","alias":"EAR %s","password":"pw-%s","memory":"64m","cpuShares":256}"""
                .formatted(user, user, user)).status()).isEqualTo(201);
        Api.Reply defined = admin().post("/api/units", """
                {"user":"%s","host":"%s","port":%d,"image":"berth/probe:1"}""".formatted(user, HOST, port));
        assertThat(defined.status()).as(defined.body()).isEqualTo(201);
        long unit = defined.json().getJsonNumber("id").longValue();

        long requested = System.nanoTime();
        assertThat(admin().post("/api/units/" + unit + "/start", "").status()).isEqualTo(202);
        JsonObject running = settled(unit);
        System.out.printf("[ear-it] unit RUNNING %.0f ms after POST /start%n", (System.nanoTime() - requested) / 1e6);
        assertThat(running.getString("state")).as(running.toString()).isEqualTo("RUNNING");
        assertThat(containersOf(unit)).hasSize(1);
        System.out.printf("[ear-it] server RSS with a unit running: %d MiB%n", server.rssMiB());
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.body()).contains("berth-probe unit is running");

        assertThat(admin().post("/api/units/" + unit + "/stop", "").status()).isEqualTo(202);
        assertThat(settled(unit).getString("state")).isEqualTo("STOPPED");
        Api.Reply deleted = admin().delete("/api/units/" + unit);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(202);
        Poll.until(Duration.ofSeconds(60), "unit " + unit + " to be deleted",
                () -> admin().get("/api/units/" + unit).status() == 404);
        Poll.until(Duration.ofSeconds(60), "unit " + unit + "'s container to be removed",
                () -> containersOf(unit).isEmpty());
    }

    @Test
    @Order(3)
    void servesTheConsoleAndLogsInThroughItsForm() throws Exception {
        // PrimeFaces sits in the EAR's lib/ (skinny WAR): its components must still be found by the web module
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5)).build();
        String base = server.url().replaceFirst("/$", "");
        HttpResponse<String> form = browser.send(HttpRequest.newBuilder(URI.create(base + "/login.xhtml")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("login:password").contains("ui-button");
        Matcher viewState = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"")
                .matcher(form.body());
        assertThat(viewState.find()).as(form.body()).isTrue();

        String fields = "login=login&login%3Aname=admin&login%3Apassword=" + URLEncoder.encode(ADMIN_PASSWORD,
                StandardCharsets.UTF_8) + "&login%3Asubmit=&jakarta.faces.ViewState="
                + URLEncoder.encode(viewState.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> loggedIn = browser.send(HttpRequest.newBuilder(URI.create(base + "/login.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(fields)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(loggedIn.statusCode()).as(loggedIn.body()).isEqualTo(302);

        HttpResponse<String> units = browser.send(HttpRequest.newBuilder(URI.create(base + "/console/units.xhtml"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(units.statusCode()).isEqualTo(200);
        assertThat(units.body()).contains("admin (admin)").contains("ui-datatable");
    }

    @Test
    @Order(4)
    void undeploysCleanly() throws Exception {
        server.undeploy("berth-agent");
        server.undeploy("berth");

        assertThat(admin().get("/api/hosts").status()).isEqualTo(404);
    }

    @AfterAll
    static void stopAndClearTheHost() throws Exception {
        try {
            if (server != null) {
                server.stop();
            }
        } finally {
            if (docker != null) {
                Dockers.removeLabelled(docker, Map.of("berth.host", HOST));
                HostTraces.remove(docker, HOST, dataDir);
                docker.close();
                // the homes are unmounted now: the database, journal and homes of this run can go
                PayaraServer.deleteTree(dataDir);
            }
        }
    }

    /**
     * What the manager and the agent read through MicroProfile Config: the embedded run's settings, as {@code
     * ./berth run} sets them, with this test's data directory, ports, host name and secrets.
     */
    private static Map<String, String> environment(int brokerPort) {
        Map<String, String> env = new HashMap<>();
        env.put("BERTH_DATA_DIR", dataDir.toString());
        env.put("BERTH_DB_URL", "jdbc:h2:file:" + dataDir.resolve("db/berth"));
        env.put("BERTH_DB_USER", "berth");
        env.put("BERTH_DB_PASSWORD", "db-" + UUID.randomUUID());
        env.put("BERTH_DB_XA_CLASS", "org.h2.jdbcx.JdbcDataSource");
        env.put("BERTH_BROKER_BIND", "tcp://127.0.0.1:" + brokerPort);
        env.put("BERTH_BROKER_CONNECTION", "host=127.0.0.1;port=" + brokerPort);
        env.put("BERTH_BROKER_MANAGER_USER", "manager");
        env.put("BERTH_BROKER_MANAGER_PASSWORD", "manager-" + UUID.randomUUID());
        env.put("BERTH_BROKER_AGENT_USER", "agent-" + HOST);
        env.put("BERTH_BROKER_AGENT_PASSWORD", "agent-" + UUID.randomUUID());
        env.put("BERTH_AGENT_HOST", HOST);
        env.put("BERTH_AGENT_QUEUE", "berth.agent." + HOST);
        env.put("BERTH_AGENT_BIND_ADDRESS", "127.0.0.1");
        env.put("BERTH_AGENT_MANAGER_URL", "http://127.0.0.1:" + server.httpPort());
        env.put("BERTH_ADMIN_PASSWORD", ADMIN_PASSWORD);
        return env;
    }

    private static void awaitReady() {
        Poll.until(READY_DEADLINE, "the EAR to be ready with its local agent ONLINE (" + server.serverLog() + ")",
                () -> {
                    try {
                        Api.Reply ready = anonymous().get("/health/ready");
                        return ready.status() == 200 && ready.body().contains("local-agent");
                    } catch (UncheckedIOException notYet) {
                        return false;
                    }
                });
    }

    private static JsonObject settled(long unit) {
        JsonObject[] last = new JsonObject[1];
        Poll.until(Duration.ofSeconds(60), "unit " + unit + " to settle", () -> {
            last[0] = admin().get("/api/units/" + unit).json();
            return SETTLED.contains(last[0].getString("state"));
        });
        return last[0];
    }

    private static List<Container> containersOf(long unit) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("berth.unit", String.valueOf(unit), "berth.host", HOST)).exec();
    }

    /** The server's root as an admin sees it: paths start with {@code /api} or {@code /health}. */
    private static Api admin() {
        return new Api(server.url(), "admin", ADMIN_PASSWORD);
    }

    private static Api anonymous() {
        return new Api(server.url(), null, null);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
