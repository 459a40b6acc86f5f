package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testsupport.Api;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hosts defined by admins (docker_server.xml's settings) and users' configuration files: each refusal is clear and
 * leaves nothing changed; a changed file is applied at the next start by a new container, an unchanged unit keeps its
 * container.
 */
@ExtendWith(RunningBerth.class)
class HostsAndConfigsIT {

    private final RunningBerth berth;
    private final Fixtures fixtures;

    HostsAndConfigsIT(RunningBerth berth) {
        this.berth = berth;
        this.fixtures = new Fixtures(berth);
    }

    @Test
    void definesAHostBeforeItsAgentReportsAndKeepsUnitsInItsPortRange() {
        String name = "defined-" + UUID.randomUUID().toString().substring(0, 8);

        Api.Reply defined = berth.admin().post("/hosts", """
                {"name":"%s","address":"192.0.2.7","shareDir":"/home/docker/share","portMin":9000,"portMax":9099}"""
                .formatted(name));

        assertThat(defined.status()).as(defined.body()).isEqualTo(201);
        JsonObject host = defined.json();
        assertThat(host.getString("state")).isEqualTo("DEFINED");
        assertThat(host.getString("address")).isEqualTo("192.0.2.7");
        assertThat(host.getString("shareDir")).isEqualTo("/home/docker/share");
        String user = fixtures.newUser("64m", 512);
        Api.Reply outside = berth.admin().post("/units", "{\"user\":\"%s\",\"host\":\"%s\",\"port\":8281}"
                .formatted(user, name));
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.error()).contains("port 8281 is outside the ports host " + name + " gives to units"
                + " (9000..9099)");
        long unit = fixtures.newUnit(user, name, 9001);
        Api.Reply start = berth.admin().post("/units/" + unit + "/start", "");
        assertThat(start.status()).isEqualTo(409);
        assertThat(start.error()).contains("host " + name + " has never been heard from: start its agent");
        assertThat(berth.admin().get("/units/" + unit).json().getString("state")).isEqualTo("DEFINED");
        // the unit's ip in the user's generated unitServer.xml is the host's address
        assertThat(berth.admin().get("/users/" + user + "/config/unitServer.xml").body())
                .contains("<Host ip=\"192.0.2.7\" port=\"9001\"");
    }

    @Test
    void refusesBadHostDefinitionsClearly() {
        String name = "bad-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(berth.admin().post("/hosts", "{\"name\":\"%s\",\"address\":\"not an address\"}".formatted(name))
                .error()).contains("address 'not an address' is no IPv4 address or host name");
        assertThat(berth.admin().post("/hosts", "{\"name\":\"%s\",\"address\":\"10.0.0.1\",\"shareDir\":\"/x/../etc\"}"
                .formatted(name)).error()).contains("must not contain '..'");
        assertThat(berth.admin().post("/hosts", "{\"name\":\"a b\",\"address\":\"10.0.0.1\"}").error())
                .contains("host name 'a b' is not valid");
        assertThat(berth.admin().post("/hosts", "{\"name\":\"%s\",\"address\":\"10.0.0.1\"}"
                .formatted(RunningBerth.HOST)).status()).isEqualTo(409);
        assertThat(berth.admin().get("/hosts/" + name).status()).isEqualTo(404);
        String user = fixtures.newUser("64m", 512);
        assertThat(berth.as(user, Fixtures.PASSWORD).post("/hosts", "{\"name\":\"%s\",\"address\":\"10.0.0.1\"}"
                .formatted(name)).status()).isEqualTo(403);
    }

    @Test
    void allowsOneManagerHostOnly() {
        String first = "m1-" + UUID.randomUUID().toString().substring(0, 8);
        String second = "m2-" + UUID.randomUUID().toString().substring(0, 8);
        boolean managerExists = berth.admin().get("/hosts").array().stream()
                .anyMatch(h -> h.asJsonObject().getBoolean("manager"));
        Api.Reply one = berth.admin().post("/hosts", "{\"name\":\"%s\",\"address\":\"10.0.0.1\",\"manager\":%s}"
                .formatted(first, !managerExists));
        assertThat(one.status()).as(one.body()).isEqualTo(201);

        Api.Reply two = berth.admin().post("/hosts", "{\"name\":\"%s\",\"address\":\"10.0.0.2\",\"manager\":true}"
                .formatted(second));

        assertThat(two.status()).isEqualTo(409);
        assertThat(two.error()).contains("is the manager (entry machine) already");
        // other tests import a docker_server.xml with NodeType manager: leave no manager behind
        berth.admin().put("/hosts/" + first, "application/json", "{\"address\":\"10.0.0.1\",\"manager\":false}");
    }

    @Test
    void letsAdminsEditAndRevertAUsersFilesAndUsersOnlyReadTheirOwn() {
        String user = fixtures.newUser("64m", 512);
        String other = fixtures.newUser("64m", 512);
        int port = RunningBerth.freePort();
        fixtures.newUnit(user, RunningBerth.HOST, port);
        Api self = berth.as(user, Fixtures.PASSWORD);
        String path = "/users/" + user + "/config/unitServer.xml";
        String generated = self.get(path).body();
        assertThat(generated).contains("port=\"" + port + "\"");

        assertThat(self.put(path, "application/xml", generated).status()).isEqualTo(403);
        assertThat(berth.as(other, Fixtures.PASSWORD).get(path).status()).isEqualTo(403);
        Api.Reply notXml = berth.admin().put(path, "application/xml", "<SERVER Version=\"3\">\n<Hosts>\n</SERVER>");
        assertThat(notXml.status()).isEqualTo(400);
        assertThat(notXml.error()).contains("line 3: not well-formed XML");
        Api.Reply withoutUnit = berth.admin().put(path, "application/xml",
                "<SERVER Version=\"3\"><Hosts/><EnabledClients check=\"false\"/></SERVER>");
        assertThat(withoutUnit.status()).isEqualTo(400);
        assertThat(withoutUnit.error()).contains("no <Host> has port " + port);
        assertThat(berth.admin().get("/users/" + user + "/config/passwd").status()).isEqualTo(404);
        assertThat(self.get(path).body()).isEqualTo(generated);

        String mine = generated.replace("<TempTimeOut>12</TempTimeOut>", "<TempTimeOut>30</TempTimeOut>");
        Api.Reply edited = berth.admin().put(path, "application/xml", mine);
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().getBoolean("edited")).isTrue();
        assertThat(self.get(path).body()).isEqualTo(mine);
        assertThat(self.get("/users/" + user + "/config").array()).hasSize(2);

        Api.Reply reverted = berth.admin().delete(path);
        assertThat(reverted.json().getBoolean("edited")).isFalse();
        assertThat(self.get(path).body()).isEqualTo(generated);
    }

    @Test
    void recreatesTheContainerForAChangedFileAndReusesItOtherwise() throws IOException {
        String user = fixtures.newUser("64m", 512);
        long unit = fixtures.newUnit(user, RunningBerth.HOST, RunningBerth.freePort());
        fixtures.request(berth.admin(), unit, "start");
        assertRunning(unit);
        String made = berth.containersOf(unit).get(0).getId();
        fixtures.finished(fixtures.request(berth.admin(), unit, "stop"));

        fixtures.request(berth.admin(), unit, "start");
        assertRunning(unit);
        assertThat(berth.containersOf(unit)).singleElement().satisfies(c -> assertThat(c.getId()).isEqualTo(made));
        fixtures.finished(fixtures.request(berth.admin(), unit, "stop"));

        String path = "/users/" + user + "/config/raqsoftConfig.xml";
        String changed = berth.admin().get(path).body().replace("<Level>INFO</Level>", "<Level>DEBUG</Level>");
        assertThat(berth.admin().put(path, "application/xml", changed).status()).isEqualTo(200);
        fixtures.request(berth.admin(), unit, "start");
        assertRunning(unit);

        assertThat(berth.containersOf(unit)).singleElement().satisfies(c -> assertThat(c.getId()).isNotEqualTo(made));
        assertThat(new UnitShell(berth.docker(), berth.containersOf(unit).get(0).getId())
                .run("cat /app/config/raqsoftConfig.xml").output()).isEqualTo(changed);
        fixtures.finished(fixtures.request(berth.admin(), unit, "delete"));
    }

    private void assertRunning(long unit) {
        JsonObject settled = fixtures.settled(unit);
        assertThat(settled.getString("state")).as(settled.toString()).isEqualTo("RUNNING");
    }
}
