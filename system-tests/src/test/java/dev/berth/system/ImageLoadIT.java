package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.berth.protocol.DownloadProof;
import dev.berth.protocol.Heartbeat;
import dev.berth.protocol.Messages;
import dev.berth.testsupport.Api;
import dev.berth.testsupport.Poll;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading an image tar onto hosts, as the guide's {@code docker load -i esproc.tar}: uploaded through the API,
 * fetched and loaded by the host's agent, reported per host; a unit then runs the loaded image.
 */
@ExtendWith(RunningBerth.class)
class ImageLoadIT {

    private static final String TAR = "application/x-tar";

    private final RunningBerth berth;
    private final Fixtures fixtures;
    private final List<String> tags = new ArrayList<>();

    @TempDir
    Path dir;

    ImageLoadIT(RunningBerth berth) {
        this.berth = berth;
        this.fixtures = new Fixtures(berth);
    }

    @AfterEach
    void removeTags() {
        for (String tag : tags) {
            try {
                berth.docker().removeImageCmd(tag).exec();
            } catch (NotFoundException gone) {
                // never loaded, or removed already
            }
        }
    }

    @Test
    void loadsASavedImageOntoTheHostAndAUnitRunsIt() throws Exception {
        String tag = newTag();
        Path tar = savedAs(tag);

        Api.Reply accepted = berth.admin().postFile("/images?host=" + RunningBerth.HOST, tar, TAR);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String upload = accepted.json().getString("upload");
        assertThat(accepted.json().getJsonArray("commands")).singleElement()
                .satisfies(c -> assertThat(((JsonObject) c).getString("host")).isEqualTo(RunningBerth.HOST));
        JsonObject load = single(settled(upload));
        assertThat(load.getString("state")).as(load.toString()).isEqualTo("SUCCEEDED");
        assertThat(images(load)).containsExactly(tag);
        assertThat(berth.docker().inspectImageCmd(tag).exec().getId()).isNotBlank();

        long unit = fixtures.newUnit(fixtures.newUser("64m", 512), RunningBerth.HOST, RunningBerth.freePort(), tag);
        fixtures.request(berth.admin(), unit, "start");
        JsonObject running = fixtures.settled(unit);
        assertThat(running.getString("state")).as(running.toString()).isEqualTo("RUNNING");
        assertThat(berth.docker().inspectContainerCmd(running.getString("containerId")).exec().getConfig().getImage())
                .isEqualTo(tag);
        fixtures.request(berth.admin(), unit, "delete");
        Poll.until(Duration.ofSeconds(60), "unit " + unit + " to go", () -> berth.containersOf(unit).isEmpty());

        assertThat(berth.admin().get("/audit?limit=500").array().stream().map(JsonObject.class::cast)
                .filter(a -> a.getString("action").equals("image.load"))
                .filter(a -> a.getString("detail", "").contains(upload))
                .map(a -> a.getString("outcome")))
                .contains("ACCEPTED", "SUCCEEDED");
        Poll.until(Duration.ofSeconds(30), "the uploaded tar to be removed once loaded",
                () -> !Files.exists(berth.dataDir().resolve("images").resolve(upload + ".tar")));
    }

    @Test
    void reportsDockersReasonWhenTheTarHoldsNoImage() throws Exception {
        Path junk = dir.resolve("junk.txt");
        Files.writeString(junk, "no image in here\n");
        Path tar = dir.resolve("junk.tar");
        Process archive = new ProcessBuilder("tar", "-cf", tar.toString(), "-C", dir.toString(), "junk.txt")
                .inheritIO().start();
        assertThat(archive.waitFor()).isZero();

        Api.Reply accepted = berth.admin().postFile("/images?host=" + RunningBerth.HOST, tar, TAR);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonObject load = single(settled(accepted.json().getString("upload")));
        assertThat(load.getString("state")).isEqualTo("FAILED");
        // Docker's own words: it looks for the tar's manifest and finds none
        assertThat(load.getString("error")).contains("Docker on host " + RunningBerth.HOST + " refused the image tar")
                .contains("no such file or directory");
        assertThat(images(load)).isEmpty();
    }

    @Test
    void refusesABodyThatIsNoTarAndAnEmptyOne() {
        Api.Reply noTar = berth.admin().postBytes("/images?host=" + RunningBerth.HOST,
                "just text, no archive".repeat(40).getBytes(StandardCharsets.UTF_8), TAR);
        Api.Reply empty = berth.admin().postBytes("/images?host=" + RunningBerth.HOST, new byte[0], TAR);

        assertThat(noTar.status()).isEqualTo(400);
        assertThat(noTar.error()).contains("no tar archive");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.error()).contains("empty");
    }

    @Test
    void refusesAUserAndNamesAnUnknownOrMissingHost() throws Exception {
        Path tar = savedAs(newTag());
        String user = fixtures.newUser("64m", 512);

        Api.Reply asUser = berth.as(user, Fixtures.PASSWORD).postFile("/images?host=" + RunningBerth.HOST, tar, TAR);
        Api.Reply unknown = berth.admin().postFile("/images?host=nowhere-" + UUID.randomUUID(), tar, TAR);
        Api.Reply noHost = berth.admin().postFile("/images", tar, TAR);

        assertThat(asUser.status()).isEqualTo(403);
        assertThat(asUser.error()).contains("only an administrator may load an image tar onto hosts");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).contains("no host named 'nowhere-").contains("host=all");
        assertThat(noHost.status()).isEqualTo(400);
        assertThat(noHost.error()).contains("?host=<name>");
    }

    @Test
    void loadsOntoAllHostsWithOneResultEachAndFailsAnOfflineHostAtOnce() throws Exception {
        String ghost = offlineHost();
        String tag = newTag();
        Path tar = savedAs(tag);

        Api.Reply accepted = berth.admin().postFile("/images?host=all", tar, TAR);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        List<JsonObject> loads = settled(accepted.json().getString("upload"));
        List<String> hosts = berth.admin().get("/hosts").array().stream()
                .map(h -> ((JsonObject) h).getString("name")).toList();
        assertThat(loads).extracting(l -> l.getString("host")).containsExactlyInAnyOrderElementsOf(hosts);
        JsonObject here = loads.stream().filter(l -> l.getString("host").equals(RunningBerth.HOST)).findFirst()
                .orElseThrow();
        assertThat(here.getString("state")).as(here.toString()).isEqualTo("SUCCEEDED");
        assertThat(images(here)).containsExactly(tag);
        JsonObject offline = loads.stream().filter(l -> l.getString("host").equals(ghost)).findFirst().orElseThrow();
        assertThat(offline.getString("state")).isEqualTo("FAILED");
        assertThat(offline.getString("error")).contains("host " + ghost + " is OFFLINE");
    }

    @Test
    void servesTheTarOnlyToTheAgentOfATargetHostWithItsProof() throws Exception {
        Api.Reply accepted = berth.admin().postFile("/images?host=" + RunningBerth.HOST, savedAs(newTag()), TAR);
        String upload = accepted.json().getString("upload");
        String agentSecret = berth.brokerPassword("agent");

        Api.Reply noProof = berth.anonymous().get("/image-uploads/" + upload);
        Api.Reply wrongProof = fetch(upload, RunningBerth.HOST, "guess");
        // the right secret, but another host's name: the secret is this host's account's, not that one's
        Api.Reply otherHost = fetch(upload, "no-target", agentSecret);
        Api.Reply loadsAnonymously = berth.anonymous().get("/images/loads/" + upload);

        assertThat(noProof.status()).isEqualTo(403);
        assertThat(wrongProof.status()).isEqualTo(403);
        assertThat(wrongProof.error()).contains("the proof is wrong");
        assertThat(otherHost.status()).isEqualTo(403);
        assertThat(loadsAnonymously.status()).isEqualTo(401);
        settled(upload);
    }

    private Api.Reply fetch(String upload, String host, String proof) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(berth.apiBase() + "/image-uploads/" + upload))
                .header(DownloadProof.HOST_HEADER, host).header(DownloadProof.PROOF_HEADER, proof).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Api.Reply(response.statusCode(), response.body());
    }

    /** A fresh tag of berth/probe:1 saved to a tar, the tag removed again so that the load has to make it. */
    private Path savedAs(String tag) throws IOException {
        int colon = tag.lastIndexOf(':');
        berth.docker().tagImageCmd("berth/probe:1", tag.substring(0, colon), tag.substring(colon + 1)).exec();
        Path tar = dir.resolve(UUID.randomUUID() + ".tar");
        try (InputStream saved = berth.docker().saveImageCmd(tag).exec()) {
            Files.copy(saved, tar);
        } finally {
            berth.docker().removeImageCmd(tag).exec();
        }
        assertThatThrownBy(() -> berth.docker().inspectImageCmd(tag).exec()).isInstanceOf(NotFoundException.class);
        return tar;
    }

    private String newTag() {
        String tag = "berth-it/loaded-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
        tags.add(tag);
        return tag;
    }

    private List<JsonObject> settled(String upload) {
        List<JsonObject> last = new ArrayList<>();
        Poll.until(Duration.ofSeconds(90), "the loads of upload " + upload + " to finish", () -> {
            Api.Reply reply = berth.admin().get("/images/loads/" + upload);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            last.clear();
            reply.array().forEach(l -> last.add((JsonObject) l));
            return last.stream().noneMatch(l -> l.getString("state").equals("PENDING"));
        });
        return last;
    }

    private static JsonObject single(List<JsonObject> loads) {
        assertThat(loads).hasSize(1);
        return loads.get(0);
    }

    private static List<String> images(JsonObject load) {
        return load.getJsonArray("images").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private String offlineHost() {
        Fixtures.AgentAccount agent = fixtures.newEnrolledHost("ghost");
        String ghost = agent.host();
        try (Broker asAgent = fixtures.as(agent)) {
            asAgent.send(Messages.RESULTS_QUEUE, Messages.toJson(new Heartbeat(Messages.VERSION, ghost, "127.0.0.2",
                    "20.10", 2, 1L << 30, null, Instant.now(), null)), Map.of(Messages.TYPE, "HEARTBEAT"));
        }
        Poll.until(Duration.ofSeconds(RunningBerth.OFFLINE_AFTER_SECONDS + 20), "host " + ghost + " to go OFFLINE",
                () -> "OFFLINE".equals(berth.admin().get("/hosts/" + ghost).json().getString("state")));
        return ghost;
    }
}
