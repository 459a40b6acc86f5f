package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.berth.testsupport.Api;
import dev.berth.testsupport.Poll;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Drift made for real from outside Berth, on the shared Berth's own host: a labelled container without a unit, a
 * unit's container removed or stopped behind Berth's back, a unit's file changed, its port held by a host socket, a
 * DNAT rule for its port added with iptables. Each is listed, previewed, repaired and gone, with its audit record.
 * Only the test's own findings are repaired (never all: the shared engine may hold others).
 * <p>
 * The reconciler may react to a removed or stopped container too; each test first asks for restart policy
 * {@code never} where Berth has one, and asserts only what holds either way.
 */
@ExtendWith(RunningBerth.class)
class DriftIT {

    private static final String HOST = RunningBerth.HOST;

    private final RunningBerth berth;
    private final Fixtures fixtures;

    DriftIT(RunningBerth berth) {
        this.berth = berth;
        this.fixtures = new Fixtures(berth);
    }

    @Test
    void findsAndRemovesAContainerLabelledAsBerthsWithoutUnit() {
        long noSuchUnit = 900_000_000L + ThreadLocalRandom.current().nextInt(1_000_000);
        int port = RunningBerth.freePort();
        String container = berth.docker().createContainerCmd("berth/probe:1")
                .withEntrypoint("/bin/sh", "-c", "sleep 600")
                .withLabels(Map.of("berth.managed", "true", "berth.unit", String.valueOf(noSuchUnit),
                        "berth.host", HOST, "berth.user", "nobody", "berth.port", String.valueOf(port)))
                .exec().getId();
        try {
            berth.docker().startContainerCmd(container).exec();

            JsonObject orphan = awaitFinding("ORPHAN_CONTAINER", f -> container.equals(text(f, "container")));
            assertThat(orphan.getJsonNumber("unit").longValue()).isEqualTo(noSuchUnit);
            assertThat(orphan.getString("repair")).contains("remove container").contains("port " + port);

            JsonObject preview = repair(orphan.getString("id"), true);
            assertThat(preview.getString("status")).isEqualTo("PREVIEW");
            assertThat(berth.docker().inspectContainerCmd(container).exec().getState().getRunning())
                    .as("a preview changes nothing").isTrue();

            JsonObject done = repair(orphan.getString("id"), false);
            assertThat(done.getString("status")).as(done.toString()).isEqualTo("DONE");
            assertThat(gone(container)).isTrue();
            assertThat(findings()).noneMatch(f -> container.equals(text(f, "container")));
            assertAudited(noSuchUnit, orphan.getString("id"), "SUCCEEDED");
        } finally {
            removeQuietly(container);
        }
    }

    @Test
    void findsAMissingContainerAndStartsItsUnitAgain() {
        long unit = runningUnit();
        String container = berth.containersOf(unit).get(0).getId();

        berth.docker().removeContainerCmd(container).withForce(true).exec();

        Optional<JsonObject> missing = awaitFindingOrRecovery("MISSING_CONTAINER", unit);
        if (missing.isPresent()) {
            assertThat(missing.get().getString("repair")).contains("start unit " + unit);
            assertThat(repair(missing.get().getString("id"), true).getString("status")).isEqualTo("PREVIEW");
            assertThat(berth.containersOf(unit)).as("a preview starts nothing").isEmpty();

            JsonObject done = repair(missing.get().getString("id"), false);

            assertThat(done.getString("status")).as(done.toString()).isEqualTo("DONE");
            assertAudited(unit, missing.get().getString("id"), "ACCEPTED");
        }
        assertThat(fixtures.settled(unit).getString("state")).isEqualTo("RUNNING");
        assertThat(berth.containersOf(unit)).singleElement()
                .satisfies(c -> assertThat(c.getState()).isEqualTo("running"));
        assertThat(findingsOf(unit)).isEmpty();
        fixtures.finished(fixtures.request(berth.admin(), unit, "delete"));
    }

    @Test
    void findsAnExitedContainerAndStartsItsUnitAgain() {
        long unit = runningUnit();
        String container = berth.containersOf(unit).get(0).getId();

        berth.docker().stopContainerCmd(container).withTimeout(2).exec();

        Optional<JsonObject> exited = awaitFindingOrRecovery("EXITED_CONTAINER", unit);
        if (exited.isPresent()) {
            assertThat(exited.get().getString("container")).isEqualTo(container);
            JsonObject done = repair(exited.get().getString("id"), false);

            assertThat(done.getString("status")).as(done.toString()).isEqualTo("DONE");
            assertAudited(unit, exited.get().getString("id"), "ACCEPTED");
        }
        assertThat(fixtures.settled(unit).getString("state")).isEqualTo("RUNNING");
        Poll.until(Duration.ofSeconds(30), "unit " + unit + "'s container to run", () -> berth.containersOf(unit)
                .stream().anyMatch(c -> "running".equals(c.getState())));
        assertThat(findingsOf(unit)).isEmpty();
        fixtures.finished(fixtures.request(berth.admin(), unit, "delete"));
    }

    @Test
    void findsAContainerMadeFromOtherSettingsAndMakesItAgain() {
        long unit = runningUnit();
        String user = berth.admin().get("/units/" + unit).json().getString("user");
        String made = berth.containersOf(unit).get(0).getId();
        assertThat(findingsOf(unit)).as("the hash a start gives is the one the agent computes").isEmpty();

        String path = "/users/" + user + "/config/raqsoftConfig.xml";
        String changed = berth.admin().get(path).body().replace("<Level>INFO</Level>", "<Level>DEBUG</Level>");
        assertThat(changed).contains("DEBUG");
        assertThat(berth.admin().put(path, "application/xml", changed).status()).isEqualTo(200);

        JsonObject finding = awaitFinding("CONFIG_CHANGED", f -> unitOf(f) == unit);
        assertThat(finding.getString("container")).isEqualTo(made);
        assertThat(finding.getString("repair")).contains("start unit " + unit);
        JsonObject done = repair(finding.getString("id"), false);

        assertThat(done.getString("status")).as(done.toString()).isEqualTo("DONE");
        assertThat(fixtures.settled(unit).getString("state")).isEqualTo("RUNNING");
        assertThat(berth.containersOf(unit)).singleElement().satisfies(c -> assertThat(c.getId()).isNotEqualTo(made));
        assertThat(findingsOf(unit)).isEmpty();
        assertAudited(unit, finding.getString("id"), "ACCEPTED");
        fixtures.finished(fixtures.request(berth.admin(), unit, "delete"));
    }

    @Test
    void findsAPortHeldByAHostProcessAndLeavesItToAnOperator() throws IOException {
        int port = RunningBerth.freePort();
        long unit = fixtures.newUnit(fixtures.newUser("64m", 512), HOST, port);

        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress("127.0.0.1", port));

            JsonObject held = awaitFinding("PORT_HELD", f -> unitOf(f) == unit);
            assertThat(held.getInt("port")).isEqualTo(port);
            assertThat(held.get("repair")).isEqualTo(JsonValue.NULL);
            assertThat(held.getString("noRepair")).contains("only an operator");
            assertThat(repair(held.getString("id"), true).getString("status")).isEqualTo("REFUSED");

            JsonObject refused = repair(held.getString("id"), false);

            assertThat(refused.getString("status")).isEqualTo("REFUSED");
            assertThat(squatter.isBound()).isTrue();
            assertAudited(unit, held.getString("id"), "FAILED");
        }
        assertThat(findingsOf(unit)).isEmpty();
        fixtures.finished(fixtures.request(berth.admin(), unit, "delete"));
    }

    @Test
    void findsAStaleDnatRuleForAUnitsPortAndDeletesIt() throws Exception {
        int port = RunningBerth.freePort();
        long unit = fixtures.newUnit(fixtures.newUser("64m", 512), HOST, port);
        String rule = "-A DOCKER -d 127.0.0.1/32 -p tcp -m tcp --dport " + port
                + " -j DNAT --to-destination 172.17.255.254:" + port;
        iptables("-A" + rule.substring(2));
        try {
            JsonObject stale = awaitFinding("STALE_DNAT", f -> unitOf(f) == unit);
            assertThat(stale.getString("natRule")).isEqualTo(rule);
            assertThat(stale.getString("repair")).contains("iptables -t nat -D DOCKER");
            assertThat(repair(stale.getString("id"), true).getString("status")).isEqualTo("PREVIEW");
            assertThat(natRules()).as("a preview deletes nothing").contains(rule);

            JsonObject done = repair(stale.getString("id"), false);

            assertThat(done.getString("status")).as(done.toString()).isEqualTo("DONE");
            assertThat(natRules()).doesNotContain(rule);
            assertThat(findingsOf(unit)).isEmpty();
            assertAudited(unit, stale.getString("id"), "SUCCEEDED");
        } finally {
            if (natRules().contains(rule)) {
                iptables("-D" + rule.substring(2));
            }
        }
        fixtures.finished(fixtures.request(berth.admin(), unit, "delete"));
    }

    @Test
    void refusesARepairThatNamesNoFindingAndAnOrdinaryUser() {
        Api.Reply none = berth.admin().post("/drift/repair", "{\"host\":\"" + HOST + "\",\"dryRun\":true}");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.error()).contains("name the findings to repair");

        Api.Reply unknown = berth.admin().post("/drift/repair", "{\"host\":\"" + HOST
                + "\",\"ids\":[\"000000000000\"],\"dryRun\":false}");
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.array().getJsonObject(0).getString("status")).isEqualTo("FAILED");
        assertThat(unknown.array().getJsonObject(0).getString("detail")).contains("no finding 000000000000 now");

        String user = fixtures.newUser("64m", 512);
        assertThat(berth.as(user, Fixtures.PASSWORD).get("/drift?host=" + HOST).status()).isEqualTo(403);
        assertThat(berth.admin().get("/drift?host=no-such-host").status()).isEqualTo(404);
    }

    /** A fresh user's unit, RUNNING, with restart policy never where Berth has restart policies. */
    private long runningUnit() {
        long unit = fixtures.newUnit(fixtures.newUser("64m", 512), HOST, RunningBerth.freePort());
        berth.admin().put("/units/" + unit + "/restart-policy", "application/json", "{\"policy\":\"never\"}");
        fixtures.request(berth.admin(), unit, "start");
        assertThat(fixtures.settled(unit).getString("state")).isEqualTo("RUNNING");
        assertThat(berth.containersOf(unit)).hasSize(1);
        return unit;
    }

    private List<JsonObject> findings() {
        Api.Reply reply = berth.admin().get("/drift?host=" + HOST);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.array().getValuesAs(JsonObject.class);
    }

    private List<JsonObject> findingsOf(long unit) {
        return findings().stream().filter(f -> unitOf(f) == unit).toList();
    }

    private JsonObject awaitFinding(String kind, java.util.function.Predicate<JsonObject> which) {
        JsonObject[] found = new JsonObject[1];
        Poll.until(Duration.ofSeconds(60), "a " + kind + " finding", () -> {
            found[0] = findings().stream().filter(f -> kind.equals(f.getString("kind"))).filter(which).findFirst()
                    .orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    /**
     * The finding, or empty when the unit's container runs again first (a reconciler that restarted it): either way
     * the unit ends running.
     */
    private Optional<JsonObject> awaitFindingOrRecovery(String kind, long unit) {
        JsonObject[] found = new JsonObject[1];
        Poll.until(Duration.ofSeconds(60), "a " + kind + " finding of unit " + unit + ", or its container running"
                + " again", () -> {
                    found[0] = findings().stream().filter(f -> kind.equals(f.getString("kind")))
                            .filter(f -> unitOf(f) == unit).findFirst().orElse(null);
                    return found[0] != null || berth.containersOf(unit).stream()
                            .anyMatch(c -> "running".equals(c.getState()));
                });
        return Optional.ofNullable(found[0]);
    }

    private JsonObject repair(String id, boolean dryRun) {
        Api.Reply reply = berth.admin().post("/drift/repair", "{\"host\":\"" + HOST + "\",\"ids\":[\"" + id
                + "\"],\"dryRun\":" + dryRun + "}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.array()).hasSize(1);
        return reply.array().getJsonObject(0);
    }

    private void assertAudited(long unit, String findingId, String outcome) {
        assertThat(berth.admin().get("/audit?unit=" + unit).array().getValuesAs(JsonObject.class))
                .anySatisfy(a -> {
                    assertThat(a.getString("action")).isEqualTo("drift.repair");
                    assertThat(a.getString("actor")).isEqualTo("admin");
                    assertThat(a.getString("outcome")).isEqualTo(outcome);
                    assertThat(a.getString("detail")).contains("finding " + findingId);
                });
    }

    private static long unitOf(JsonObject finding) {
        JsonValue unit = finding.get("unit");
        return unit == null || unit.getValueType() == JsonValue.ValueType.NULL ? -1
                : finding.getJsonNumber("unit").longValue();
    }

    private static String text(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value instanceof jakarta.json.JsonString s ? s.getString() : null;
    }

    private boolean gone(String container) {
        try {
            berth.docker().inspectContainerCmd(container).exec();
            return false;
        } catch (NotFoundException e) {
            return true;
        }
    }

    private void removeQuietly(String container) {
        try {
            berth.docker().removeContainerCmd(container).withForce(true).exec();
        } catch (NotFoundException e) {
            // repaired: gone already
        }
    }

    private static List<String> natRules() throws IOException, InterruptedException {
        Process save = new ProcessBuilder("iptables-save", "-t", "nat").redirectErrorStream(true).start();
        String output = new String(save.getInputStream().readAllBytes());
        assertThat(save.waitFor()).as(output).isZero();
        return output.lines().toList();
    }

    private static void iptables(String rule) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("iptables", "-w", "10", "-t", "nat"));
        command.addAll(List.of(rule.split(" ")));
        Process run = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes());
        assertThat(run.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
