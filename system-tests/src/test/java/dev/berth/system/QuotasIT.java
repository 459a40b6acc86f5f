package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testsupport.Api;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Aggregate quotas per user and the confinement of homes: refused with a clear reason, nothing half-done. */
@ExtendWith(RunningBerth.class)
class QuotasIT {

    private final RunningBerth berth;
    private final Fixtures fixtures;

    QuotasIT(RunningBerth berth) {
        this.berth = berth;
        this.fixtures = new Fixtures(berth);
    }

    private String userWith(String quota) {
        String name = "q" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply created = berth.admin().post("/users", """
                {"name":"%s","password":"%s","memory":"64m","cpuShares":512,%s}"""
                .formatted(name, Fixtures.PASSWORD, quota));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return name;
    }

    @Test
    void refusesAUnitBeyondTheUsersMaxUnits() {
        String user = userWith("\"maxUnits\":1");
        fixtures.newUnit(user, RunningBerth.HOST, RunningBerth.freePort());

        Api.Reply refused = berth.admin().post("/units", "{\"user\":\"%s\",\"host\":\"%s\",\"port\":%d}"
                .formatted(user, RunningBerth.HOST, RunningBerth.freePort()));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error()).isEqualTo("user " + user + " has 1 of at most 1 units; delete one or raise the"
                + " user's maxUnits");
        assertThat(berth.as(user, Fixtures.PASSWORD).get("/units").array()).hasSize(1);
    }

    @Test
    void refusesToRunMoreThanTheUsersMaxMemory() {
        String user = userWith("\"maxMemory\":\"100m\"");
        long first = fixtures.newUnit(user, RunningBerth.HOST, RunningBerth.freePort());
        long second = fixtures.newUnit(user, RunningBerth.HOST, RunningBerth.freePort());
        fixtures.request(berth.admin(), first, "start");
        assertThat(fixtures.settled(first).getString("state")).isEqualTo("RUNNING");

        Api.Reply refused = berth.as(user, Fixtures.PASSWORD).post("/units/" + second + "/start", "");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error()).contains("would use 2 x 64m of memory, more than the user's maxMemory of 100m");
        assertThat(berth.admin().get("/units/" + second).json().getString("state")).isEqualTo("DEFINED");
        assertThat(berth.containersOf(second)).isEmpty();

        fixtures.finished(fixtures.request(berth.admin(), first, "stop"));
        fixtures.request(berth.admin(), second, "start");
        assertThat(fixtures.settled(second).getString("state")).isEqualTo("RUNNING");
        fixtures.finished(fixtures.request(berth.admin(), first, "delete"));
        fixtures.finished(fixtures.request(berth.admin(), second, "delete"));
    }

    @Test
    void keepsHomesInsideTheAllowedRoots() {
        String root = berth.dataDir().resolve("homes").toString();
        String name = "h" + UUID.randomUUID().toString().substring(0, 8);

        Api.Reply outside = berth.admin().post("/users", """
                {"name":"%s","password":"%s","memory":"64m","cpuShares":512,"home":"/etc"}"""
                .formatted(name, Fixtures.PASSWORD));
        Api.Reply climbing = berth.admin().post("/users", """
                {"name":"%s","password":"%s","memory":"64m","cpuShares":512,"home":"%s/../../etc"}"""
                .formatted(name, Fixtures.PASSWORD, root));
        Api.Reply inside = berth.admin().post("/users", """
                {"name":"%s","password":"%s","memory":"64m","cpuShares":512,"home":"%s/team-a/%s"}"""
                .formatted(name, Fixtures.PASSWORD, root, name));

        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.error()).contains("home '/etc' is outside the allowed roots");
        assertThat(climbing.status()).isEqualTo(400);
        assertThat(climbing.error()).contains("climbs out of its directory");
        assertThat(inside.status()).as(inside.body()).isEqualTo(201);
        assertThat(inside.json().getString("home")).isEqualTo(root + "/team-a/" + name);
    }
}
