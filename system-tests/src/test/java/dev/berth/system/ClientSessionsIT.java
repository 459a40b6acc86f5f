package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testsupport.Api;
import dev.berth.testsupport.Poll;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A user's client logs in (the guide's "the manager checks user logins" and "the same user name may not be used at
 * the same time"): its session starts or joins the user's units, which accept the client's address, and ends at
 * logout, at expiry, by an admin, or when the user is disabled. The client is this test JVM (127.0.0.1), or another
 * machine: a {@link ClientMachine} whose address is none of the user's allowed networks.
 */
@ExtendWith(RunningBerth.class)
class ClientSessionsIT {

    private final RunningBerth berth;
    private final Fixtures fixtures;

    ClientSessionsIT(RunningBerth berth) {
        this.berth = berth;
        this.fixtures = new Fixtures(berth);
    }

    @Test
    void aLoginStartsTheUsersUnitsAndHandsTheClientItsEndpointsAndFilesAndALogoutStopsWhatItStarted() {
        String user = fixtures.newUser("64m", 512);
        int downPort = RunningBerth.freePort();
        int upPort = RunningBerth.freePort();
        long down = fixtures.newUnit(user, RunningBerth.HOST, downPort);
        long up = started(user, upPort);

        JsonObject session = login(user);

        assertThat(session.getString("clientAddress")).isEqualTo("127.0.0.1");
        assertThat(session.getBoolean("ready")).as(session.toString()).isTrue();
        Map<Long, JsonObject> units = unitsOf(session);
        assertThat(units.get(down).getString("state")).isEqualTo("RUNNING");
        assertThat(units.get(down).getBoolean("startedBySession")).isTrue();
        assertThat(units.get(up).getBoolean("startedBySession")).as("joined, not started").isFalse();
        assertThat(units.get(down).getString("endpoint")).isEqualTo("127.0.0.1:" + downPort);
        assertThat(probe("127.0.0.1", downPort)).contains("berth-probe unit is running");
        JsonObject files = session.getJsonObject("files");
        assertThat(files.getString("raqsoftConfig.xml")).contains("<Unit>127.0.0.1:" + downPort + "</Unit>",
                "<Unit>127.0.0.1:" + upPort + "</Unit>");
        assertThat(files.getString("unitServer.xml")).contains("port=\"" + downPort + "\"", "port=\"" + upPort + "\"");
        String id = session.getString("id");
        assertThat(berth.admin().get("/sessions").body()).contains(id);
        assertThat(berth.as(user, Fixtures.PASSWORD).get("/sessions").array()).singleElement()
                .satisfies(listed -> assertThat(listed.asJsonObject().getString("id")).isEqualTo(id));

        Api.Reply out = berth.as(user, Fixtures.PASSWORD).delete("/sessions/" + id);

        assertThat(out.status()).as(out.body()).isEqualTo(200);
        assertThat(out.json().getString("endReason")).isEqualTo("logged out");
        assertThat(fixtures.settled(down).getString("state")).as("started by the session").isEqualTo("STOPPED");
        assertThat(berth.admin().get("/units/" + up).json().getString("state")).as("joined").isEqualTo("RUNNING");
        String audit = berth.admin().get("/audit?user=" + user).body();
        assertThat(audit).contains("session.open", "session.end");
    }

    @Test
    void refusesASecondLoginOfTheSameNameSayingSinceWhenAndFromWhere() {
        String user = fixtures.newUser("64m", 512);
        JsonObject first = login(user);

        Api.Reply second = berth.as(user, Fixtures.PASSWORD).post("/sessions?wait=true", "");

        assertThat(second.status()).as(second.body()).isEqualTo(409);
        assertThat(second.error()).contains("user " + user + " is logged in already, since "
                + first.getString("openedAt") + " from 127.0.0.1", "session " + first.getString("id"));
        assertThat(berth.admin().get("/audit?user=" + user).body()).contains("session.refused");
        assertThat(berth.as(user, Fixtures.PASSWORD).get("/sessions/" + first.getString("id")).json()
                .getBoolean("live")).as("the first session goes on").isTrue();
        logout(user, first);
    }

    @Test
    void withTheTakeoverPolicyASecondLoginEndsTheFirstAndKeepsItsUnitsRunning() {
        String user = fixtures.newUser("64m", 512);
        long unit = fixtures.newUnit(user, RunningBerth.HOST, RunningBerth.freePort());
        rules("{\"policy\":\"takeover\"}");
        try {
            JsonObject first = login(user);
            String container = berth.admin().get("/units/" + unit).json().getString("containerId");

            JsonObject second = login(user);

            JsonObject ended = berth.admin().get("/sessions/" + first.getString("id")).json();
            assertThat(ended.getBoolean("live")).isFalse();
            assertThat(ended.getString("endReason")).isEqualTo("taken over from 127.0.0.1");
            assertThat(unitsOf(second).get(unit).getBoolean("startedBySession")).as("taken over with the session")
                    .isTrue();
            JsonObject running = berth.admin().get("/units/" + unit).json();
            assertThat(running.getString("state")).isEqualTo("RUNNING");
            assertThat(running.getString("containerId")).as("not restarted").isEqualTo(container);
            assertThat(berth.admin().get("/audit?user=" + user).body()).contains("session.takeover");

            logout(user, second);
            assertThat(fixtures.settled(unit).getString("state")).isEqualTo("STOPPED");
        } finally {
            rules("{}");
        }
    }

    @Test
    void theUnitsAcceptTheSessionsClientAndNoOtherAddressUntilItEnds() {
        String user = fixtures.newUser("64m", 512);
        long joined = started(user, RunningBerth.freePort());
        long down = fixtures.newUnit(user, RunningBerth.HOST, RunningBerth.freePort());
        String api = "http://%s:" + berth.httpPort() + "/api";
        try (ClientMachine client = ClientMachine.create(); ClientMachine stranger = ClientMachine.create()) {
            String joinedAddress = addressOf(joined);
            int joinedPort = berth.admin().get("/units/" + joined).json().getInt("port");
            assertThat(client.httpGet(joinedAddress, joinedPort).succeeded()).as("before the login").isFalse();

            ClientMachine.Answer login = client.call("POST", api.formatted(client.hostAddress())
                    + "/sessions?wait=true", user, Fixtures.PASSWORD);

            assertThat(login.status()).as(login.body()).isEqualTo(201);
            JsonObject session = Json.createReader(new StringReader(login.body())).readObject();
            assertThat(session.getString("clientAddress")).isEqualTo(client.address());
            assertThat(session.getBoolean("ready")).as(session.toString()).isTrue();
            String downAddress = addressOf(down);
            int downPort = berth.admin().get("/units/" + down).json().getInt("port");
            assertThat(client.httpGet(joinedAddress, joinedPort).output()).as("the joined unit")
                    .contains("berth-probe unit is running");
            assertThat(client.httpGet(downAddress, downPort).output()).as("the unit the login started")
                    .contains("berth-probe unit is running");
            assertThat(stranger.httpGet(joinedAddress, joinedPort).succeeded()).as("another address").isFalse();
            assertThat(stranger.httpGet(downAddress, downPort).succeeded()).as("another address").isFalse();

            Api.Reply ended = berth.admin().delete("/sessions/" + session.getString("id"));

            assertThat(ended.status()).as(ended.body()).isEqualTo(200);
            assertThat(ended.json().getString("endReason")).isEqualTo("ended by administrator admin");
            assertThat(fixtures.settled(down).getString("state")).isEqualTo("STOPPED");
            Poll.until(Duration.ofSeconds(30), "the joined unit to refuse the ended session's client", () ->
                    !client.httpGet(joinedAddress, joinedPort).succeeded());
            assertThat(berth.admin().get("/units/" + joined).json().getString("state")).isEqualTo("RUNNING");
            assertThat(probe("127.0.0.1", joinedPort)).as("the allowed networks still")
                    .contains("berth-probe unit is running");
        }
    }

    @Test
    void aSessionNotKeptAliveExpiresAndItsUnitsStop() {
        String user = fixtures.newUser("64m", 512);
        long unit = fixtures.newUnit(user, RunningBerth.HOST, RunningBerth.freePort());
        JsonObject session = login(user);
        String path = "/sessions/" + session.getString("id");
        rules("{\"expirySeconds\":3}");
        try {
            Api.Reply kept = berth.as(user, Fixtures.PASSWORD).put(path, "application/json", "");
            assertThat(kept.status()).as(kept.body()).isEqualTo(200);

            Poll.until(Duration.ofSeconds(30), "the session to expire", () ->
                    !berth.admin().get(path).json().getBoolean("live"));

            assertThat(berth.admin().get(path).json().getString("endReason")).startsWith("expired");
            assertThat(fixtures.settled(unit).getString("state")).isEqualTo("STOPPED");
            Api.Reply late = berth.as(user, Fixtures.PASSWORD).put(path, "application/json", "");
            assertThat(late.status()).isEqualTo(409);
            assertThat(late.error()).contains("expired", "log in again");
            assertThat(berth.admin().get("/audit?user=" + user).body()).contains("session.expire");
        } finally {
            rules("{}");
        }
    }

    @Test
    void disablingTheUserEndsTheirSession() {
        String user = fixtures.newUser("64m", 512);
        long unit = fixtures.newUnit(user, RunningBerth.HOST, RunningBerth.freePort());
        JsonObject session = login(user);

        assertThat(berth.admin().post("/users/" + user + "/disable", "").status()).isEqualTo(200);

        JsonObject ended = berth.admin().get("/sessions/" + session.getString("id")).json();
        assertThat(ended.getBoolean("live")).isFalse();
        assertThat(ended.getString("endReason")).isEqualTo("disabled by admin");
        assertThat(fixtures.settled(unit).getString("state")).isEqualTo("STOPPED");
    }

    /** A login from this JVM that waits for the units; asserts it was accepted. */
    private JsonObject login(String user) {
        Api.Reply opened = berth.as(user, Fixtures.PASSWORD).post("/sessions?wait=true", "");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        return opened.json();
    }

    private void logout(String user, JsonObject session) {
        Api.Reply out = berth.as(user, Fixtures.PASSWORD).delete("/sessions/" + session.getString("id"));
        assertThat(out.status()).as(out.body()).isEqualTo(200);
    }

    private void rules(String json) {
        Api.Reply set = berth.admin().put("/sessions/rules", "application/json", json);
        assertThat(set.status()).as(set.body()).isEqualTo(200);
    }

    private long started(String user, int port) {
        long unit = fixtures.newUnit(user, RunningBerth.HOST, port);
        fixtures.request(berth.admin(), unit, "start");
        assertThat(fixtures.settled(unit).getString("state")).isEqualTo("RUNNING");
        return unit;
    }

    private static Map<Long, JsonObject> unitsOf(JsonObject session) {
        return session.getJsonArray("units").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(u -> u.getJsonNumber("id").longValue(), Function.identity()));
    }

    private String addressOf(long unit) {
        String container = berth.admin().get("/units/" + unit).json().getString("containerId");
        return berth.docker().inspectContainerCmd(container).exec().getNetworkSettings().getNetworks().values()
                .iterator().next().getIpAddress();
    }

    /** What the probe unit at {@code address:port} answers this JVM. */
    private static String probe(String address, int port) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + address + ":"
                    + port + "/")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
