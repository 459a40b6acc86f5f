package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.berth.testsupport.Api;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A start that must make a unit's container anew (its image changed) keeps the old container until the new one
 * answers: a broken update leaves the old one running and says so, a good one replaces it; a host's clean-up lists
 * and removes a previous container left behind and an image made for Berth that nothing uses, and nothing a unit uses.
 */
@ExtendWith(RunningBerth.class)
class RecreateRollbackIT {

    private final RunningBerth berth;
    private final Fixtures fixtures;

    RecreateRollbackIT(RunningBerth berth) {
        this.berth = berth;
        this.fixtures = new Fixtures(berth);
    }

    @Test
    void aBrokenUpdateLeavesThePreviousContainerRunningAndAGoodOneReplacesIt() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        // made from the probe: an image for Berth (it inherits the readiness label) whose process never answers
        String broken = "berth-it/never-ready:" + tag;
        build(broken, "FROM berth/probe:1\nENTRYPOINT [\"/bin/busybox\", \"sleep\", \"100000\"]\n");
        String good = "berth-it/probe-good:" + tag;
        berth.docker().tagImageCmd("berth/probe:1", good.split(":")[0], tag).exec();
        int port = RunningBerth.freePort();
        long unit = fixtures.newUnit(fixtures.newUser("64m", 512), RunningBerth.HOST, port);
        try {
            fixtures.request(berth.admin(), unit, "start");
            assertThat(fixtures.settled(unit).getString("state")).isEqualTo("RUNNING");
            String first = only(unit).getId();
            fixtures.finished(fixtures.request(berth.admin(), unit, "stop"));

            Api.Reply changed = berth.admin().patch("/units/" + unit, "{\"image\":\"" + broken + "\"}");
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);
            assertThat(changed.json().getString("image")).isEqualTo(broken);
            assertThat(berth.admin().patch("/units/" + unit, "{\"image\":\"Not An Image\"}").status()).isEqualTo(400);
            String update = fixtures.request(berth.admin(), unit, "start");
            JsonObject rolledBack = fixtures.settled(unit);

            assertThat(rolledBack.getString("state")).isEqualTo("RUNNING");
            assertThat(rolledBack.getString("lastError")).contains("update of unit " + unit)
                    .contains("did not answer on port " + port).contains("previous container runs again");
            assertThat(fixtures.finished(update).getString("state")).isEqualTo("FAILED");
            Container previous = only(unit);
            assertThat(previous.getId()).isEqualTo(first);
            assertThat(previous.getState()).isEqualTo("running");
            assertThat(previous.getNames()).containsExactly("/" + containerName(unit));
            assertThat(answer(port)).isNotEmpty();
            assertThat(audit(unit)).anySatisfy(record -> {
                assertThat(record.getString("action")).isEqualTo("unit.update");
                assertThat(record.getString("outcome")).isEqualTo("FAILED");
            });

            // an image this host lacks: no new container can be made, the old one runs on
            fixtures.finished(fixtures.request(berth.admin(), unit, "stop"));
            berth.admin().patch("/units/" + unit, "{\"image\":\"berth-it/absent:" + tag + "\"}")
                    .expect(200, "an image that is not loaded");
            fixtures.request(berth.admin(), unit, "start");
            JsonObject notLoaded = fixtures.settled(unit);

            assertThat(notLoaded.getString("state")).isEqualTo("RUNNING");
            assertThat(notLoaded.getString("lastError")).contains("is not loaded on host")
                    .contains("previous container runs again");
            assertThat(only(unit).getId()).isEqualTo(first);
            assertThat(answer(port)).isNotEmpty();

            // a good change: the container is made anew and the old one goes
            fixtures.finished(fixtures.request(berth.admin(), unit, "stop"));
            berth.admin().patch("/units/" + unit, "{\"image\":\"" + good + "\"}").expect(200, "a good image");
            fixtures.request(berth.admin(), unit, "start");
            JsonObject updated = fixtures.settled(unit);

            assertThat(updated.getString("state")).isEqualTo("RUNNING");
            assertThat(updated.get("lastError")).as(updated.toString()).isIn(null, JsonValue.NULL);
            Container made = only(unit);
            assertThat(made.getId()).isNotEqualTo(first);
            assertThat(made.getImage()).isEqualTo(good);
            assertThat(answer(port)).isNotEmpty();
            assertThat(audit(unit)).anySatisfy(record -> assertThat(record.getString("action"))
                    .isEqualTo("unit.image"));
        } finally {
            fixtures.finished(fixtures.request(berth.admin(), unit, "delete"));
            removeImage(broken);
            removeImage(good);
        }
    }

    @Test
    void aStartTakesBackAPreviousContainerAndACleanupRemovesOneLeftBehindAndUnusedImages() throws Exception {
        String unused = "berth-it/unused:" + UUID.randomUUID().toString().substring(0, 8);
        build(unused, "FROM berth/probe:1\nLABEL berth.it=unused\n");
        String user = fixtures.newUser("64m", 512);
        long running = fixtures.newUnit(user, RunningBerth.HOST, RunningBerth.freePort());
        long leftBehind = fixtures.newUnit(user, RunningBerth.HOST, RunningBerth.freePort());
        try {
            fixtures.request(berth.admin(), running, "start");
            fixtures.request(berth.admin(), leftBehind, "start");
            assertThat(fixtures.settled(running).getString("state")).isEqualTo("RUNNING");
            assertThat(fixtures.settled(leftBehind).getString("state")).isEqualTo("RUNNING");
            fixtures.finished(fixtures.request(berth.admin(), leftBehind, "stop"));
            String kept = only(leftBehind).getId();

            // as an agent killed in the middle of an update leaves it: only the renamed previous container
            berth.docker().renameContainerCmd(kept).withName(containerName(leftBehind) + "-previous").exec();
            fixtures.request(berth.admin(), leftBehind, "start");
            assertThat(fixtures.settled(leftBehind).getString("state")).isEqualTo("RUNNING");
            assertThat(only(leftBehind).getId()).as("taken back, not made anew").isEqualTo(kept);
            assertThat(only(leftBehind).getNames()).containsExactly("/" + containerName(leftBehind));

            fixtures.finished(fixtures.request(berth.admin(), leftBehind, "stop"));
            String previousName = containerName(leftBehind) + "-previous";
            berth.docker().renameContainerCmd(kept).withName(previousName).exec();
            JsonObject preview = berth.admin().get("/hosts/" + RunningBerth.HOST + "/cleanup")
                    .expect(200, "a clean-up's preview").json();

            assertThat(items(preview)).anySatisfy(item -> {
                assertThat(item.getString("kind")).isEqualTo("CONTAINER");
                assertThat(item.getString("name")).isEqualTo(previousName);
                assertThat(item.getString("fate")).isEqualTo("WOULD_REMOVE");
            });
            assertThat(items(preview)).anySatisfy(item -> {
                assertThat(item.getString("kind")).isEqualTo("IMAGE");
                assertThat(item.getString("name")).contains(unused);
                assertThat(item.getJsonNumber("bytes").longValue()).isPositive();
                assertThat(item.getString("fate")).isEqualTo("WOULD_REMOVE");
            });
            assertThat(items(preview)).noneSatisfy(item -> assertThat(item.getString("name"))
                    .contains("berth/probe:1"));
            assertThat(berth.containersOf(leftBehind)).as("a preview changes nothing").hasSize(1);

            JsonObject applied = berth.admin().post("/hosts/" + RunningBerth.HOST + "/cleanup", "")
                    .expect(200, "a clean-up").json();

            assertThat(items(applied)).filteredOn(item -> item.getString("name").equals(previousName)
                    || item.getString("name").contains(unused)).hasSize(2)
                    .allSatisfy(item -> assertThat(item.getString("fate")).isEqualTo("REMOVED"));
            assertThat(berth.containersOf(leftBehind)).isEmpty();
            assertThatThrownBy(() -> berth.docker().inspectImageCmd(unused).exec())
                    .isInstanceOf(NotFoundException.class);
            assertThat(berth.docker().inspectImageCmd("berth/probe:1").exec().getId()).isNotBlank();
            assertThat(only(running).getState()).isEqualTo("running");
            assertThat(berth.admin().get("/units/" + running).json().getString("state")).isEqualTo("RUNNING");
            assertThat(berth.admin().get("/audit?limit=50").array().stream().map(JsonValue::asJsonObject)
                    .filter(record -> record.getString("action").equals("host.cleanup")))
                    .anySatisfy(record -> assertThat(record.getString("detail")).contains(previousName));

            // the unit whose previous container went starts anew
            fixtures.request(berth.admin(), leftBehind, "start");
            assertThat(fixtures.settled(leftBehind).getString("state")).isEqualTo("RUNNING");
        } finally {
            fixtures.finished(fixtures.request(berth.admin(), running, "delete"));
            fixtures.finished(fixtures.request(berth.admin(), leftBehind, "delete"));
            removeImage(unused);
        }
    }

    private String containerName(long unit) {
        JsonObject view = berth.admin().get("/units/" + unit).json();
        return "berth-" + view.getString("user") + "-" + view.getInt("port");
    }

    private Container only(long unit) {
        List<Container> containers = berth.containersOf(unit);
        assertThat(containers).as("the containers of unit " + unit).hasSize(1);
        return containers.get(0);
    }

    private List<JsonObject> audit(long unit) {
        return berth.admin().get("/audit?unit=" + unit).array().stream().map(JsonValue::asJsonObject).toList();
    }

    private static List<JsonObject> items(JsonObject cleanup) {
        return cleanup.getJsonArray("items").stream().map(JsonValue::asJsonObject).toList();
    }

    private static void build(String image, String dockerfile) throws IOException, InterruptedException {
        Process build = new ProcessBuilder("docker", "build", "-q", "-t", image, "-").redirectErrorStream(true)
                .start();
        build.getOutputStream().write(dockerfile.getBytes(StandardCharsets.UTF_8));
        build.getOutputStream().close();
        String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(build.waitFor()).as(output).isZero();
    }

    private static void removeImage(String image) throws IOException, InterruptedException {
        new ProcessBuilder("docker", "rmi", image).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    private static String answer(int port) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
