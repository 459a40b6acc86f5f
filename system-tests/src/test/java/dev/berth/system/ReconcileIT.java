package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testsupport.Api;
import dev.berth.testsupport.Poll;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The reconciler against a real engine: a unit's container is killed, removed or started behind Berth's back, the
 * agent reports it as it happens, and Berth brings the unit back to what its owner wants, by its restart policy.
 */
@ExtendWith(RunningBerth.class)
class ReconcileIT {

    private static final Duration CONVERGE = Duration.ofSeconds(60);

    private final RunningBerth berth;
    private final Fixtures fixtures;

    ReconcileIT(RunningBerth berth) {
        this.berth = berth;
        this.fixtures = new Fixtures(berth);
    }

    private long runningUnit() {
        long unit = fixtures.newUnit(fixtures.newUser("64m", 512), RunningBerth.HOST, RunningBerth.freePort());
        fixtures.request(berth.admin(), unit, "start");
        assertThat(fixtures.settled(unit).getString("state")).isEqualTo("RUNNING");
        return unit;
    }

    private JsonObject unit(long id) {
        return berth.admin().get("/units/" + id).expect(200, "unit " + id).json();
    }

    private String containerOf(long unit) {
        return berth.containersOf(unit).get(0).getId();
    }

    private void policy(long unit, String policy) {
        berth.admin().put("/units/" + unit + "/restart-policy", "application/json", "{\"policy\":\"" + policy + "\"}")
                .expect(200, "restart policy " + policy);
    }

    private List<String> actions(long unit) {
        return berth.admin().get("/audit?unit=" + unit).array().stream().map(JsonValue::asJsonObject)
                .map(r -> r.getString("action")).toList();
    }

    private JsonObject awaitUnit(long id, String what, java.util.function.Predicate<JsonObject> condition) {
        JsonObject[] seen = new JsonObject[1];
        Poll.until(CONVERGE, what + " (unit " + id + ")", () -> condition.test(seen[0] = unit(id)));
        return seen[0];
    }

    @Test
    void aKilledUnitIsStartedAgainUnderOnFailureAndTheRestartIsAudited() throws Exception {
        long unit = runningUnit();
        assertThat(unit(unit).getString("restartPolicy")).isEqualTo("on-failure");

        berth.docker().killContainerCmd(containerOf(unit)).exec();

        JsonObject back = awaitUnit(unit, "RUNNING again after one restart",
                u -> u.getInt("restarts") >= 1 && "RUNNING".equals(u.getString("state"))
                        && "RUNNING".equals(u.getJsonObject("observed").getString("state")));
        assertThat(back.getString("desiredState")).isEqualTo("RUNNING");
        assertThat(actions(unit)).contains("reconcile.restart");
        assertThat(berth.containersOf(unit)).as("one container, running").hasSize(1)
                .allSatisfy(c -> assertThat(c.getState()).isEqualTo("running"));
        fixtures.finished(fixtures.request(berth.admin(), unit, "delete"));
    }

    @Test
    void underNeverAKilledUnitIsFailedWithItsExitCodeAndCanBeStartedAgain() {
        long unit = runningUnit();
        policy(unit, "never");

        berth.docker().killContainerCmd(containerOf(unit)).exec();

        JsonObject failed = awaitUnit(unit, "FAILED", u -> "FAILED".equals(u.getString("state")));
        assertThat(failed.getString("lastError")).contains("exited with code 137").contains("restart policy never");
        assertThat(failed.getJsonObject("observed").getString("state")).isEqualTo("EXITED");
        assertThat(failed.getJsonObject("observed").getInt("exitCode")).isEqualTo(137);
        assertThat(actions(unit)).contains("reconcile.failed").doesNotContain("reconcile.restart");

        fixtures.request(berth.admin(), unit, "start");
        assertThat(fixtures.settled(unit).getString("state")).isEqualTo("RUNNING");
        fixtures.finished(fixtures.request(berth.admin(), unit, "delete"));
    }

    @Test
    void aContainerRemovedByHandIsReportedUnderOnFailureAndMadeAgainUnderAlways() {
        long reported = runningUnit();
        long remade = runningUnit();
        policy(remade, "always");

        berth.docker().removeContainerCmd(containerOf(reported)).withForce(true).exec();
        berth.docker().removeContainerCmd(containerOf(remade)).withForce(true).exec();

        JsonObject failed = awaitUnit(reported, "FAILED", u -> "FAILED".equals(u.getString("state")));
        assertThat(failed.getString("lastError")).contains("removed outside Berth");
        assertThat(failed.getJsonObject("observed").getString("state")).isEqualTo("MISSING");
        assertThat(actions(reported)).contains("reconcile.missing");
        assertThat(berth.containersOf(reported)).as("not made again").isEmpty();

        awaitUnit(remade, "RUNNING in a new container", u -> "RUNNING".equals(u.getString("state"))
                && "RUNNING".equals(u.getJsonObject("observed").getString("state")));
        assertThat(berth.containersOf(remade)).hasSize(1);
        fixtures.finished(fixtures.request(berth.admin(), reported, "delete"));
        fixtures.finished(fixtures.request(berth.admin(), remade, "delete"));
    }

    @Test
    void aUnitStoppedThroughBerthStaysStoppedWhenItsContainerIsStartedByHand() {
        long unit = runningUnit();
        fixtures.finished(fixtures.request(berth.admin(), unit, "stop"));

        berth.docker().startContainerCmd(containerOf(unit)).exec();

        Poll.until(CONVERGE, "unit " + unit + "'s container to be stopped again",
                () -> actions(unit).contains("reconcile.stop")
                        && !"running".equals(berth.containersOf(unit).get(0).getState()));
        JsonObject stopped = awaitUnit(unit, "STOPPED", u -> "STOPPED".equals(u.getString("state")));
        assertThat(stopped.getString("desiredState")).isEqualTo("STOPPED");
        fixtures.finished(fixtures.request(berth.admin(), unit, "delete"));
    }

    @Test
    void aCrashLoopBacksOffGivesUpAtTheLimitAndLeavesOneRecordAtEachEnd() throws Exception {
        // answers at once, then its process ends with code 1 three seconds later: for ever
        String image = "berth-it/crashloop:" + UUID.randomUUID().toString().substring(0, 8);
        String made = berth.docker().createContainerCmd("berth/probe:1")
                .withEntrypoint("/bin/sh", "-c", "httpd -p \"$UNIT_PORT\" -h /www; echo up; sleep 3;"
                        + " echo giving up >&2; exit 1")
                .withLabels(Map.of("berth.host", RunningBerth.HOST)).exec().getId();
        berth.docker().commitCmd(made).withRepository(image.split(":")[0]).withTag(image.split(":")[1]).exec();
        Api admin = berth.admin();
        try {
            admin.put("/reconciler/rules", "application/json",
                    "{\"restartLimit\":2,\"backoffSeconds\":1,\"maxBackoffSeconds\":2}").expect(200, "rules");
            long unit = fixtures.newUnit(fixtures.newUser("64m", 512), RunningBerth.HOST, RunningBerth.freePort(),
                    image);
            fixtures.request(admin, unit, "start");

            JsonObject failed = awaitUnit(unit, "FAILED after two restarts",
                    u -> "FAILED".equals(u.getString("state")) && u.getInt("restarts") == 0
                            && actions(unit).contains("reconcile.gaveup"));
            assertThat(failed.getString("lastError")).contains("exited with code 1").contains("2 restart(s)")
                    .contains("giving up");
            List<String> actions = actions(unit);
            assertThat(actions.stream().filter("reconcile.restart"::equals)).as("one record as the loop begins")
                    .hasSize(1);
            assertThat(actions.stream().filter("reconcile.gaveup"::equals)).as("one as it ends").hasSize(1);
            try (var db = berth.database();
                 var count = db.prepareStatement("select count(*) from command where unit_id = ?")) {
                count.setLong(1, unit);
                var rows = count.executeQuery();
                rows.next();
                assertThat(rows.getLong(1)).as("the start and two restarts").isEqualTo(3);
            }
            fixtures.finished(fixtures.request(admin, unit, "delete"));
        } finally {
            admin.put("/reconciler/rules", "application/json", "{}").expect(200, "rules back");
            berth.docker().removeContainerCmd(made).withForce(true).exec();
            berth.docker().removeImageCmd(image).withForce(true).exec();
        }
    }

    @Test
    void restartRulesAreAnAdminsAndRefuseNonsense() {
        JsonObject rules = berth.admin().get("/reconciler/rules").expect(200, "rules").json();
        assertThat(rules.getString("restartPolicy")).isEqualTo("on-failure");
        assertThat(rules.getInt("restartLimit")).isEqualTo(5);

        assertThat(berth.admin().put("/reconciler/rules", "application/json", "{\"restartPolicy\":\"sometimes\"}")
                .expect(400, "a policy that is none").error()).contains("never, on-failure, always");
        assertThat(berth.admin().put("/reconciler/rules", "application/json", "{\"restartLimit\":0}")
                .expect(400, "no restarts at all").error()).contains("restart limit 0");
        long unit = fixtures.newUnit(fixtures.newUser("64m", 512), RunningBerth.HOST, RunningBerth.freePort());
        assertThat(berth.admin().put("/units/" + unit + "/restart-policy", "application/json", "{\"policy\":\"x\"}")
                .expect(400, "a unit's policy that is none").error()).contains("never, on-failure, always");
        fixtures.finished(fixtures.request(berth.admin(), unit, "delete"));
    }
}
