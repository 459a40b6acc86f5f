package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import dev.berth.testsupport.Api;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RunningBerth.class)
class UnitLifecycleIT {

    private final RunningBerth berth;
    private final Fixtures fixtures;

    UnitLifecycleIT(RunningBerth berth) {
        this.berth = berth;
        this.fixtures = new Fixtures(berth);
    }

    @Test
    void runsAStartedUnitWithTheUsersLimitsAndRemovesItOnDelete() throws Exception {
        String user = fixtures.newUser("96m", 300);
        int port = RunningBerth.freePort();
        long unit = fixtures.newUnit(user, RunningBerth.HOST, port);
        Api admin = berth.admin();
        assertThat(admin.get("/units/" + unit).json().getString("state")).isEqualTo("DEFINED");

        String start = fixtures.request(admin, unit, "start");
        JsonObject running = fixtures.settled(unit);

        assertThat(running.getString("state")).as(running.toString()).isEqualTo("RUNNING");
        assertThat(running.getString("desiredState")).isEqualTo("RUNNING");
        assertThat(fixtures.finished(start).getString("state")).isEqualTo("SUCCEEDED");
        assertThat(answer(port)).contains("berth-probe unit is running");

        InspectContainerResponse container = berth.docker().inspectContainerCmd(running.getString("containerId"))
                .exec();
        HostConfig host = container.getHostConfig();
        String home = admin.get("/users/" + user).json().getString("home");
        assertThat(container.getName()).isEqualTo("/berth-" + user + "-" + port);
        assertThat(container.getState().getRunning()).isTrue();
        assertThat(host.getMemory()).isEqualTo(96L * 1024 * 1024);
        assertThat(host.getMemorySwap()).isEqualTo(96L * 1024 * 1024);
        assertThat(host.getCpuShares()).isEqualTo(300);
        assertThat(host.getInit()).isTrue();
        assertThat(host.getPrivileged()).isFalse();
        assertThat(host.getSecurityOpts()).contains("no-new-privileges");
        assertThat(host.getCapDrop()).extracting(Enum::name).contains("ALL");
        Ports.Binding[] published = host.getPortBindings().getBindings().get(ExposedPort.tcp(port));
        assertThat(published).extracting(Ports.Binding::getHostPortSpec).containsExactly(String.valueOf(port));
        assertThat(Arrays.asList(host.getBinds()))
                .extracting(Bind::getPath, b -> b.getVolume().getPath(), Bind::getAccessMode)
                .containsExactlyInAnyOrder(
                        tuple(home, "/app", AccessMode.rw),
                        tuple(berth.dataDir().resolve("agent/units/" + unit + "/config").toString(), "/app/config",
                                AccessMode.ro),
                        tuple(berth.dataDir().resolve("share").toString(), "/share", AccessMode.ro));
        assertThat(container.getConfig().getLabels())
                .containsEntry("berth.unit", String.valueOf(unit))
                .containsEntry("berth.user", user)
                .containsEntry("berth.command", start)
                .containsKey("berth.config-hash");
        assertThat(container.getConfig().getEnv()).contains("UNIT_PORT=" + port);
        assertThat(Path.of(home, "config")).isDirectory();
        assertThat(Path.of(home, "data")).isDirectory();

        String stop = fixtures.request(admin, unit, "stop");
        assertThat(fixtures.settled(unit).getString("state")).isEqualTo("STOPPED");
        assertThat(fixtures.finished(stop).getString("state")).isEqualTo("SUCCEEDED");
        assertThat(berth.docker().inspectContainerCmd(container.getId()).exec().getState().getRunning()).isFalse();

        String delete = fixtures.request(admin, unit, "delete");
        assertThat(fixtures.finished(delete).getString("state")).isEqualTo("SUCCEEDED");
        assertThat(admin.get("/units/" + unit).status()).isEqualTo(404);
        assertThat(berth.containersOf(unit)).isEmpty();

        List<JsonValue> trail = admin.get("/audit?unit=" + unit).array();
        assertThat(trail).map(JsonValue::asJsonObject)
                .extracting(a -> a.getString("action"), a -> a.getString("outcome"))
                .containsExactly(
                        tuple("unit.delete", "SUCCEEDED"), tuple("unit.delete", "ACCEPTED"),
                        tuple("unit.stop", "SUCCEEDED"), tuple("unit.stop", "ACCEPTED"),
                        tuple("unit.start", "SUCCEEDED"), tuple("unit.start", "ACCEPTED"),
                        tuple("unit.create", "SUCCEEDED"));
        assertThat(trail.get(5).asJsonObject().getString("actor")).isEqualTo("admin");
        assertThat(trail.get(4).asJsonObject().getString("actor")).isEqualTo("agent:" + RunningBerth.HOST);
    }

    @Test
    void letsAUserActOnlyOnTheirOwnUnits() {
        String owner = fixtures.newUser("64m", 512);
        String other = fixtures.newUser("64m", 512);
        long unit = fixtures.newUnit(owner, RunningBerth.HOST, RunningBerth.freePort());
        Api ownerApi = berth.as(owner, Fixtures.PASSWORD);
        Api otherApi = berth.as(other, Fixtures.PASSWORD);

        assertThat(ownerApi.get("/units").array()).hasSize(1);
        assertThat(otherApi.get("/units").array()).isEmpty();
        Api.Reply refused = otherApi.post("/units/" + unit + "/start", "");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.error()).contains("belongs to another user");
        assertThat(otherApi.get("/units/" + unit).status()).isEqualTo(403);
        assertThat(otherApi.get("/users/" + owner).status()).isEqualTo(403);
        assertThat(otherApi.post("/users", "{}").status()).isEqualTo(403);
        assertThat(otherApi.post("/units", "{}").status()).isEqualTo(403);

        String start = fixtures.request(ownerApi, unit, "start");
        assertThat(fixtures.settled(unit).getString("state")).isEqualTo("RUNNING");
        assertThat(ownerApi.get("/commands/" + start).status()).isEqualTo(200);
        assertThat(otherApi.get("/commands/" + start).status()).isEqualTo(403);
        assertThat(otherApi.get("/audit?user=" + owner).status()).isEqualTo(403);
        assertThat(ownerApi.get("/audit").array()).isNotEmpty();

        fixtures.finished(fixtures.request(ownerApi, unit, "delete"));
        assertThat(berth.containersOf(unit)).isEmpty();
    }

    @Test
    void pagesTheUnitsAUserSeesInIdOrderWithALinkToTheNextPage() throws Exception {
        String owner = fixtures.newUser("64m", 512);
        String other = fixtures.newUser("64m", 512);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(fixtures.newUnit(owner, RunningBerth.HOST, RunningBerth.freePort()));
        }
        long others = fixtures.newUnit(other, RunningBerth.HOST, RunningBerth.freePort());
        Api api = berth.as(owner, Fixtures.PASSWORD);

        List<Long> paged = new ArrayList<>();
        long after = 0;
        for (List<Long> page = ids(api, 2, after); !page.isEmpty(); page = ids(api, 2, after)) {
            assertThat(page).hasSizeLessThanOrEqualTo(2);
            paged.addAll(page);
            after = page.get(page.size() - 1);
        }
        assertThat(paged).as("every page of the owner's, none of another user's").containsExactlyElementsOf(ids);

        HttpResponse<String> first = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(berth.apiBase() + "/units?limit=2")).header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((owner + ":" + Fixtures.PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(first.headers().firstValue("Link")).get().asString()
                .contains("limit=2", "after=" + ids.get(1), "rel=\"next\"");
        assertThat(berth.admin().get("/units?limit=1000&after=" + (ids.get(4) - 1)).array()
                .getValuesAs(JsonObject.class)).extracting(unit -> (long) unit.getInt("id")).startsWith(ids.get(4));

        Api.Reply zero = api.get("/units?limit=0");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.error()).contains("outside 1..1000");
        assertThat(api.get("/units?limit=ten").error()).contains("limit 'ten' is no number");
        assertThat(api.get("/units?limit=5&after=-1").status()).isEqualTo(400);

        for (long unit : ids) {
            fixtures.finished(fixtures.request(api, unit, "delete"));
        }
        fixtures.finished(fixtures.request(berth.admin(), others, "delete"));
    }

    private static List<Long> ids(Api api, int limit, long after) {
        return api.get("/units?limit=" + limit + "&after=" + after).expect(200, "a page of units").array()
                .getValuesAs(JsonObject.class).stream().map(unit -> (long) unit.getInt("id")).toList();
    }

    private static String answer(int port) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
