package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Statistics;
import dev.berth.testsupport.Api;
import dev.berth.testsupport.Poll;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every unit runs hostile code: these tests are its user, with a shell inside the unit (what SPL's {@code system()}
 * gives anyone who reaches an esProc node), trying to reach the host, Berth, and other users.
 */
@ExtendWith(RunningBerth.class)
class IsolationIT {

    private final RunningBerth berth;
    private final Fixtures fixtures;

    IsolationIT(RunningBerth berth) {
        this.berth = berth;
        this.fixtures = new Fixtures(berth);
    }

    @Test
    void runsAUnitAsItsUsersOwnUidWithoutRootOrAWritableRoot() {
        String user = fixtures.newUser("64m", 512);
        long unit = started(user, RunningBerth.freePort());
        JsonObject owner = berth.admin().get("/users/" + user).json();
        UnitShell shell = shellOf(unit);

        assertThat(shell.run("id -u").output().strip()).isEqualTo(String.valueOf(owner.getInt("uid")))
                .isNotEqualTo("0");
        assertThat(shell.run("touch /etc/evil").output()).contains("Read-only file system");
        assertThat(shell.run("busybox mknod /app/zero c 1 5").succeeded()).as("no device nodes").isFalse();
        assertThat(shell.run("grep CapEff /proc/self/status").output()).contains("0000000000000000");
        assertThat(shell.run("touch /tmp/scratch /app/data/mine && echo ok").output().strip()).isEqualTo("ok");

        InspectContainerResponse container = berth.docker().inspectContainerCmd(containerOf(unit)).exec();
        HostConfig host = container.getHostConfig();
        assertThat(container.getConfig().getUser()).isEqualTo(owner.getInt("uid") + ":" + owner.getInt("uid"));
        assertThat(host.getReadonlyRootfs()).isTrue();
        assertThat(host.getPidsLimit()).isEqualTo(512L);
        assertThat(host.getUlimits()).singleElement().satisfies(u -> {
            assertThat(u.getName()).isEqualTo("nofile");
            assertThat(u.getHardLong()).isEqualTo(4096L);
        });
        assertThat(host.getNetworkMode()).isEqualTo("berth-" + RunningBerth.HOST + "-u" + owner.getInt("uid"));
        assertThat(Path.of(owner.getString("home"))).satisfies(home -> assertThat(
                Files.getAttribute(home, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(owner.getInt("uid")));
    }

    @Test
    void aForkBombStopsAtThePidsLimitAndTheHostStaysResponsive() {
        // memory enough for 512 processes: the pids limit must be what stops them, not the OOM killer
        String user = fixtures.newUser("256m", 2);
        long unit = started(user, RunningBerth.freePort());
        String container = containerOf(unit);

        new UnitShell(berth.docker(), container).launch("while :; do busybox sleep 600 & done");
        Poll.until(Duration.ofSeconds(60), "the unit's processes to reach its pids limit", () ->
                pids(container) >= 500);

        assertThat(pids(container)).isLessThanOrEqualTo(512);
        assertThat(berth.admin().get("/hosts/" + RunningBerth.HOST).status()).isEqualTo(200);
        String other = fixtures.newUser("64m", 512);
        long calm = fixtures.newUnit(other, RunningBerth.HOST, RunningBerth.freePort());
        fixtures.request(berth.admin(), calm, "start");
        assertThat(fixtures.settled(calm).getString("state")).isEqualTo("RUNNING");
        fixtures.finished(fixtures.request(berth.admin(), unit, "delete"));
        assertThat(berth.containersOf(unit)).isEmpty();
    }

    @Test
    void aUnitReachesNeitherBerthNorTheHostsOtherServices() {
        String user = fixtures.newUser("64m", 512);
        UnitShell shell = shellOf(started(user, RunningBerth.freePort()));
        String host = shell.gateway();

        assertThat(host).isNotBlank();
        // Berth's HTTP port listens on every interface, the host's too: only the firewall stands in between
        assertThat(shell.connects(host, berth.httpPort())).as("Berth's HTTP port").isFalse();
        assertThat(shell.connects(host, berth.brokerPort())).as("the broker").isFalse();
        assertThat(shell.connects("172.17.0.1", berth.httpPort())).as("Berth through docker0").isFalse();
        assertThat(shell.httpGet(host, berth.httpPort())).doesNotContain("HTTP/");
    }

    @Test
    void unitsOfDifferentUsersNeverMeetWhileAUsersOwnUnitsDo() {
        String alice = fixtures.newUser("64m", 512);
        String mallory = fixtures.newUser("64m", 512);
        int alicePort = RunningBerth.freePort();
        long aliceUnit = started(alice, alicePort);
        long aliceSecond = started(alice, RunningBerth.freePort());
        long malloryUnit = started(mallory, RunningBerth.freePort());
        String aliceAddress = addressOf(aliceUnit);

        UnitShell fromMallory = shellOf(malloryUnit);
        assertThat(fromMallory.connects(aliceAddress, alicePort)).as("another user's unit, directly").isFalse();
        assertThat(fromMallory.connects(fromMallory.gateway(), alicePort)).as("through the host").isFalse();
        assertThat(fromMallory.httpGet(aliceAddress, alicePort)).doesNotContain("HTTP/");

        UnitShell fromAlice = shellOf(aliceSecond);
        assertThat(fromAlice.httpGet(aliceAddress, alicePort)).as("the user's own unit")
                .contains("berth-probe unit is running");
    }

    @Test
    void linksAndFifosInAHomeLeadNowhereOnTheHost() throws IOException {
        String user = fixtures.newUser("64m", 512);
        long unit = started(user, RunningBerth.freePort());
        Path home = Path.of(berth.admin().get("/users/" + user).json().getString("home"));
        Path hostFile = Files.createTempFile(berth.dataDir(), "host-secret", ".txt");
        UnitShell attacker = shellOf(unit);

        // what a unit can do from inside: its home's directories turned into links to the host's root
        assertThat(attacker.run("rm -rf /app/demo /app/data && ln -s / /app/demo && ln -s / /app/data"
                + " && busybox mkfifo /app/pipe && echo done").output().strip()).isEqualTo("done");
        // what a unit sharing the home elsewhere could do while this one is stopped: config/ and its files
        fixtures.finished(fixtures.request(berth.admin(), unit, "stop"));
        Path config = home.resolve("config");
        Files.delete(config);
        Files.createDirectory(config);
        Files.createSymbolicLink(config.resolve("raqsoftConfig.xml"), Path.of("/dev/zero"));
        new ProcessBuilder("mkfifo", config.resolve("unitServer.xml").toString()).inheritIO().start()
                .onExit().join();
        fixtures.request(berth.admin(), unit, "start");
        assertThat(fixtures.settled(unit).getString("state")).as("the agent opened neither").isEqualTo("RUNNING");
        fixtures.finished(fixtures.request(berth.admin(), unit, "stop"));
        Files.delete(config.resolve("raqsoftConfig.xml"));
        Files.delete(config.resolve("unitServer.xml"));
        Files.delete(config);
        Files.createSymbolicLink(config, Path.of("/"));
        fixtures.request(berth.admin(), unit, "start");

        JsonObject after = fixtures.settled(unit);

        assertThat(after.getString("state")).as(after.toString()).isEqualTo("RUNNING");
        UnitShell inside = shellOf(unit);
        // Docker never mounted home/demo (formerly at /demo): the links resolve inside the container only
        assertThat(inside.run("ls /app/demo/").output()).as("the container's own root, not the host's")
                .doesNotContain(hostFile.getFileName().toString()).contains("app");
        assertThat(inside.run("ls /app/data" + berth.dataDir()).output())
                .doesNotContain(hostFile.getFileName().toString());
        assertThat(inside.run("touch /app/demo" + berth.dataDir() + "/planted").succeeded()).isFalse();
        assertThat(berth.dataDir().resolve("planted")).doesNotExist();
        assertThat(inside.run("cat /app/config/raqsoftConfig.xml").output()).contains("<Config");
        assertThat(inside.run("touch /app/config/x").output()).contains("Read-only file system");
        assertThat(config).as("the link in place of config/ is gone").isDirectory();
        assertThat(Files.isSymbolicLink(config)).isFalse();
    }

    @Test
    void anEsprocNodeAnswersOnlyTheNetworksItsUserIsAllowed() {
        String user = fixtures.newUser("256m", 512);
        assertThat(berth.admin().put("/users/" + user + "/allowed-clients", "application/json",
                "{\"allowedClients\":[\"10.99.0.0/16\"]}").status()).isEqualTo(200);
        int port = RunningBerth.freePort();
        long unit = fixtures.newUnit(user, RunningBerth.HOST, port, "berth/esproc-unit:1");
        fixtures.request(berth.admin(), unit, "start");
        assertThat(fixtures.settled(unit).getString("state")).isEqualTo("RUNNING");

        assertThatThrownBy(() -> new EsprocClient("127.0.0.1", port).value("=1+1"))
                .as("this test runs on loopback, outside 10.99.0.0/16").isInstanceOf(IllegalStateException.class);

        assertThat(berth.admin().put("/users/" + user + "/allowed-clients", "application/json",
                "{\"allowedClients\":[\"127.0.0.0/8\"]}").status()).isEqualTo(200);
        restart(unit);
        assertThat(new EsprocClient("127.0.0.1", port).value("=1+1")).isEqualTo(2L);
        fixtures.finished(fixtures.request(berth.admin(), unit, "delete"));
    }

    @Test
    void aUnitThatFillsItsHomeRunsOutOfItsOwnSpaceOnly() {
        String user = fixtures.newUser("64m", 512);
        assertThat(berth.admin().put("/users/" + user + "/disk", "application/json", "{\"disk\":\"32m\"}")
                .json().getString("disk")).isEqualTo("32m");
        long unit = started(user, RunningBerth.freePort());
        UnitShell shell = shellOf(unit);

        UnitShell.Outcome flood = shell.run("busybox dd if=/dev/zero of=/app/data/flood bs=1M count=64 2>&1");
        assertThat(flood.succeeded()).isFalse();
        assertThat(flood.output()).contains("No space left on device");
        assertThat(berth.admin().get("/hosts/" + RunningBerth.HOST).status()).as("Berth unharmed").isEqualTo(200);
        assertThat(shell.run("rm /app/data/flood && echo freed").output()).contains("freed");

        // a larger limit grows the home at the next start, its files kept
        assertThat(berth.admin().put("/users/" + user + "/disk", "application/json", "{\"disk\":\"96m\"}")
                .status()).isEqualTo(200);
        shell.run("echo kept > /app/data/note");
        assertThat(restart(unit).getString("state")).isEqualTo("RUNNING");
        UnitShell after = shellOf(unit);
        assertThat(after.run("busybox dd if=/dev/zero of=/app/data/more bs=1M count=48 2>&1").succeeded()).isTrue();
        assertThat(after.run("cat /app/data/note").output().strip()).isEqualTo("kept");
        assertThat(berth.admin().put("/users/" + user + "/disk", "application/json", "{\"disk\":\"1m\"}")
                .json().getString("error")).contains("below 16m");
    }

    @Test
    void refusesAHomeInsideAnotherUsersHome() {
        String outer = fixtures.newUser("64m", 512);
        String home = berth.admin().get("/users/" + outer).json().getString("home");
        Api.Reply refused = berth.admin().post("/users", """
                {"name":"nested%s","password":"%s","memory":"64m","cpuShares":512,"home":"%s/inner"}"""
                .formatted(outer, Fixtures.PASSWORD, home));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().getString("error")).contains("lies inside the home of user " + outer);
    }

    @Test
    void refusesAllowedClientsThatAreNoNetworks() {
        String user = fixtures.newUser("64m", 512);
        Api.Reply refused = berth.admin().put("/users/" + user + "/allowed-clients", "application/json",
                "{\"allowedClients\":[\"10.0.0.0/8 -j ACCEPT\"]}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().getString("error")).contains("no IPv4 network");
        assertThat(berth.as(user, Fixtures.PASSWORD).put("/users/" + user + "/allowed-clients", "application/json",
                "{\"allowedClients\":[\"0.0.0.0/0\"]}").status()).as("only admins open a unit").isEqualTo(403);
    }

    private long started(String user, int port) {
        long unit = fixtures.newUnit(user, RunningBerth.HOST, port);
        fixtures.request(berth.admin(), unit, "start");
        JsonObject settled = fixtures.settled(unit);
        assertThat(settled.getString("state")).as(settled.toString()).isEqualTo("RUNNING");
        return unit;
    }

    private JsonObject restart(long unit) {
        fixtures.finished(fixtures.request(berth.admin(), unit, "stop"));
        fixtures.request(berth.admin(), unit, "start");
        return fixtures.settled(unit);
    }

    private String containerOf(long unit) {
        return berth.admin().get("/units/" + unit).json().getString("containerId");
    }

    private UnitShell shellOf(long unit) {
        return new UnitShell(berth.docker(), containerOf(unit));
    }

    private String addressOf(long unit) {
        return berth.docker().inspectContainerCmd(containerOf(unit)).exec().getNetworkSettings().getNetworks()
                .values().iterator().next().getIpAddress();
    }

    /** How many processes and threads the container has, as Docker's stats say (cgroup v1 or v2 alike). */
    private long pids(String container) {
        AtomicReference<Statistics> stats = new AtomicReference<>();
        try {
            berth.docker().statsCmd(container).withNoStream(true).exec(new ResultCallback.Adapter<Statistics>() {
                @Override
                public void onNext(Statistics s) {
                    stats.set(s);
                }
            }).awaitCompletion(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Long current = stats.get() == null || stats.get().getPidsStats() == null ? null
                : stats.get().getPidsStats().getCurrent();
        return current == null ? 0 : current;
    }
}
