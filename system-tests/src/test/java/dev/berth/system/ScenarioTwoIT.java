package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.berth.testsupport.Api;
import dev.berth.testsupport.Poll;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 2 of the admin guide, several machines: two agents, each on a Docker engine of its own, serve one
 * manager. Host 1 is {@link RunningBerth}'s own agent on the main engine (units on 127.0.0.1), host 2 an agent-only
 * process on a second engine (units on 127.0.0.2).
 */
@ExtendWith({SecondHost.class, RunningBerth.class})
class ScenarioTwoIT {

    private final RunningBerth berth;
    private final SecondHost second;
    private final Fixtures fixtures;

    ScenarioTwoIT(RunningBerth berth, SecondHost second) {
        this.berth = berth;
        this.second = second;
        this.fixtures = new Fixtures(berth);
    }

    @Test
    void bothHostsAreOnlineWithTheirOwnAddresses() {
        Map<String, JsonObject> hosts = berth.admin().get("/hosts").array().stream()
                .map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(h -> h.getString("name"), h -> h));

        assertThat(hosts).containsKeys(RunningBerth.HOST, SecondHost.HOST);
        assertThat(hosts.get(RunningBerth.HOST).getString("state")).isEqualTo("ONLINE");
        assertThat(hosts.get(SecondHost.HOST).getString("state")).isEqualTo("ONLINE");
        assertThat(hosts.get(RunningBerth.HOST).getString("address")).isEqualTo("127.0.0.1");
        assertThat(hosts.get(SecondHost.HOST).getString("address")).isEqualTo(SecondHost.ADDRESS);
    }

    @Test
    void aUsersUnitIsReachedFromTheHostsOfTheUsersOtherUnitsAndFromNoOtherAddress() throws Exception {
        String user = fixtures.newUser("64m", 256);
        assertThat(berth.admin().put("/users/" + user + "/allowed-clients", "application/json",
                "{\"allowedClients\":[\"10.99.0.0/16\"]}").status()).isEqualTo(200);
        int port = RunningBerth.freePort();
        int elsewhere = RunningBerth.freePort();
        long two = fixtures.newUnit(user, SecondHost.HOST, elsewhere);
        long one = fixtures.newUnit(user, RunningBerth.HOST, port);
        fixtures.request(berth.admin(), one, "start");
        assertThat(fixtures.settled(one).getString("state")).isEqualTo("RUNNING");

        // host 2's address (where the user's other unit is) gets in; any other address outside the list does not
        assertThat(answersFrom("127.0.0.2", port)).as("from the user's other host").isTrue();
        assertThat(answersFrom("127.0.0.3", port)).as("from an address of no host of the user's").isFalse();
        // and leaving the user's network, only the user's own unit on host 2 is open of host 2's addresses
        List<String> rules = iptablesSave();
        assertThat(rules).anyMatch(r -> r.contains("-d 127.0.0.2/32 -p tcp -m tcp --dport " + elsewhere
                + " -j RETURN")).anyMatch(r -> r.contains("-d 127.0.0.2/32 -j REJECT"));
        fixtures.finished(fixtures.request(berth.admin(), one, "delete"));
        fixtures.finished(fixtures.request(berth.admin(), two, "delete"));
    }

    /** Whether the unit's HTTP server answers a client whose connection leaves from {@code source}. */
    private static boolean answersFrom(String source, int port) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 3000);
            socket.setSoTimeout(3000);
            socket.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readNBytes(5), StandardCharsets.US_ASCII).equals("HTTP/");
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> iptablesSave() throws IOException, InterruptedException {
        Process save = new ProcessBuilder("iptables-save", "-t", "filter").redirectErrorStream(true).start();
        List<String> lines = new String(save.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .toList();
        save.waitFor();
        return lines;
    }

    @Test
    void runsOneUsersUnitsOnBothHostsEachOnItsOwnEngineOnTheSamePort() throws Exception {
        String user = fixtures.newUser("64m", 256);
        int port = RunningBerth.freePort();
        long one = fixtures.newUnit(user, RunningBerth.HOST, port);
        // ports are unique per host, not across hosts
        long two = fixtures.newUnit(user, SecondHost.HOST, port);
        Api.Reply clash = berth.admin().post("/units", """
                {"user":"%s","host":"%s","port":%d}""".formatted(user, SecondHost.HOST, port));
        assertThat(clash.status()).as(clash.body()).isEqualTo(409);
        assertThat(clash.error()).contains(String.valueOf(port)).contains(SecondHost.HOST);

        Api owner = berth.as(user, Fixtures.PASSWORD);
        fixtures.request(owner, one, "start");
        fixtures.request(owner, two, "start");
        JsonObject runningOne = fixtures.settled(one);
        JsonObject runningTwo = fixtures.settled(two);

        assertThat(runningOne.getString("state")).as(runningOne.toString()).isEqualTo("RUNNING");
        assertThat(runningTwo.getString("state")).as(runningTwo.toString()).isEqualTo("RUNNING");
        assertThat(runningTwo.getString("address")).isEqualTo(SecondHost.ADDRESS);
        // each container on its own host's engine, and only there
        assertOnlyOn(berth.docker(), second.docker(), one, runningOne.getString("containerId"));
        assertOnlyOn(second.docker(), berth.docker(), two, runningTwo.getString("containerId"));
        assertThat(berth.docker().inspectContainerCmd(runningOne.getString("containerId")).exec().getConfig()
                .getLabels()).containsEntry("berth.host", RunningBerth.HOST);
        assertThat(second.docker().inspectContainerCmd(runningTwo.getString("containerId")).exec().getConfig()
                .getLabels()).containsEntry("berth.host", SecondHost.HOST);
        assertThat(answer("127.0.0.1", port)).contains("berth-probe unit is running");
        assertThat(answer(SecondHost.ADDRESS, port)).contains("berth-probe unit is running");

        fixtures.request(owner, one, "stop");
        fixtures.request(owner, two, "stop");
        assertThat(fixtures.settled(one).getString("state")).isEqualTo("STOPPED");
        assertThat(fixtures.settled(two).getString("state")).isEqualTo("STOPPED");
        assertThat(second.docker().inspectContainerCmd(runningTwo.getString("containerId")).exec().getState()
                .getRunning()).isFalse();

        fixtures.request(owner, one, "delete");
        fixtures.request(owner, two, "delete");
        Poll.until(Duration.ofSeconds(60), "both units to disappear", () ->
                berth.admin().get("/units/" + one).status() == 404 && berth.admin().get("/units/" + two).status() == 404);
        assertThat(berth.containersOf(one)).isEmpty();
        assertThat(second.containersOf(two)).isEmpty();
    }

    /** The unit's container is on its own host's engine and on no other (the main engine is shared: by label). */
    private static void assertOnlyOn(DockerClient own, DockerClient other, long unit, String containerId) {
        assertThat(own.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("berth.unit", String.valueOf(unit))).exec())
                .extracting(Container::getId).contains(containerId);
        for (String host : List.of(RunningBerth.HOST, SecondHost.HOST)) {
            assertThat(other.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of("berth.unit", String.valueOf(unit), "berth.host", host)).exec())
                    .as("unit %d's containers of host %s on the other engine", unit, host).isEmpty();
        }
    }

    private static String answer(String address, int port) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + address + ":" + port
                + "/")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
