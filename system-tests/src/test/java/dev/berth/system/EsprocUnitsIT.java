package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.berth.testsupport.Api;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real esProc SPL nodes in units (the default image): RUNNING only once the node answers in esProc's protocol, SPL
 * computed on the node through esProc's JDBC driver, and the guide's copies: the user's configuration files (from the
 * manager, through the agent, into the home) and the host's share reached the node's config dir. Limits hold inside.
 */
@ExtendWith(RunningBerth.class)
class EsprocUnitsIT {

    private final RunningBerth berth;
    private final Fixtures fixtures;

    EsprocUnitsIT(RunningBerth berth) {
        this.berth = berth;
        this.fixtures = new Fixtures(berth);
    }

    @Test
    void runsSplOnTwoEsprocUnitsOfOneUserWithTheUsersConfigurationTheShareAndTheLimits() throws IOException {
        String token = UUID.randomUUID().toString();
        JsonObject host = berth.admin().get("/hosts/" + RunningBerth.HOST).json();
        Path share = Files.createDirectories(berth.dataDir().resolve("share-" + token));
        Files.writeString(share.resolve("berth-share-check.txt"), token, StandardCharsets.UTF_8);
        Api.Reply configured = berth.admin().put("/hosts/" + RunningBerth.HOST, "application/json",
                "{\"address\":\"%s\",\"shareDir\":\"%s\"}".formatted(host.getString("address"), share));
        assertThat(configured.status()).as(configured.body()).isEqualTo(200);
        try {
            String user = fixtures.newUser("256m", 512);
            int firstPort = RunningBerth.freePort();
            int secondPort = RunningBerth.freePort();
            long first = defaultImageUnit(user, firstPort);
            long second = defaultImageUnit(user, secondPort);
            assertThat(berth.admin().get("/units/" + first).json().getString("image"))
                    .isEqualTo("berth/esproc-unit:1");

            // the user's data, read through the generated raqsoftConfig.xml's main path /app/data
            Path home = Path.of(berth.admin().get("/users/" + user).json().getString("home"));
            Files.createDirectories(home.resolve("data"));
            Files.writeString(home.resolve("data/numbers.txt"), "n\n1\n2\n3\n", StandardCharsets.UTF_8);
            // an admin's edit of raqsoftConfig.xml, recognisable on the node
            String generated = berth.admin().get("/users/" + user + "/config/raqsoftConfig.xml").body();
            String edited = generated.replace("<Config Version=\"3\">", "<Config Version=\"3\">\n<!-- " + token
                    + " -->");
            Api.Reply edit = berth.admin().put("/users/" + user + "/config/raqsoftConfig.xml", "application/xml",
                    edited);
            assertThat(edit.status()).as(edit.body()).isEqualTo(200);

            fixtures.request(berth.admin(), first, "start");
            fixtures.request(berth.as(user, Fixtures.PASSWORD), second, "start");
            assertThat(fixtures.settled(first).getString("state")).isEqualTo("RUNNING");
            assertThat(fixtures.settled(second).getString("state")).isEqualTo("RUNNING");

            for (int port : new int[] {firstPort, secondPort}) {
                EsprocClient node = new EsprocClient("127.0.0.1", port);
                assertThat(node.value("=to(1,1000000).sum()")).hasToString("500000500000");
                // it ran on this unit's node: only that container has its node directory
                assertThat((Number) node.value("=directory@p(\"/opt/esproc/nodes/0.0.0.0_" + port + "/log/*\").len()"))
                        .satisfies(logs -> assertThat(logs.intValue()).isPositive());
                assertThat(node.value("=file(\"numbers.txt\").import@t().(n).sum()")).hasToString("6");
                assertThat(node.value("=file(\"/opt/esproc/config/berth-share-check.txt\").read()"))
                        .isEqualTo(token);
                assertThat((String) node.value("=file(\"/opt/esproc/config/raqsoftConfig.xml\").read()"))
                        .contains(token);
                String unitServer = (String) node.value("=file(\"/opt/esproc/config/unitServer.xml\").read()");
                assertThat(unitServer).contains("port=\"" + firstPort + "\"").contains("port=\"" + secondPort + "\"");
                assertThat(node.memoryLimitBytes()).isEqualTo(256L * 1024 * 1024);
                // 512 shares: two tasks at most, as the generated unitServer.xml says
                assertThat(node.maxTasks()).isEqualTo(2);
            }
            InspectContainerResponse container = berth.docker().inspectContainerCmd(
                    berth.containersOf(first).get(0).getId()).exec();
            assertThat(container.getHostConfig().getCpuShares()).isEqualTo(512);
            assertThat(container.getHostConfig().getMemory()).isEqualTo(256L * 1024 * 1024);
            assertThat(container.getHostConfig().getInit()).isTrue();
            assertThat(container.getConfig().getEnv()).contains("UNIT_CPU_SHARES=512");
            // what the unit finds at /app/config (read-only) is what the admin gave
            assertThat(new UnitShell(berth.docker(), container.getId()).run("cat /app/config/raqsoftConfig.xml")
                    .output()).isEqualTo(edited);

            fixtures.finished(fixtures.request(berth.admin(), first, "delete"));
            fixtures.finished(fixtures.request(berth.admin(), second, "delete"));
        } finally {
            berth.admin().put("/hosts/" + RunningBerth.HOST, "application/json",
                    "{\"address\":\"%s\"}".formatted(host.getString("address")));
        }
    }

    @Test
    void isNotRunningWhileTheNodeCannotServeItsPort() {
        // a unitServer.xml an admin could only give before the unit existed: no entry for the unit's port; the
        // start script refuses it (exit 78), and the readiness check never took docker-proxy's accept for an answer
        String user = fixtures.newUser("256m", 512);
        int port = RunningBerth.freePort();
        Api.Reply edit = berth.admin().put("/users/" + user + "/config/unitServer.xml", "application/xml", """
                <SERVER Version="3"><Hosts><Host ip="127.0.0.1" port="1"/></Hosts><EnabledClients check="false"/>
                </SERVER>""");
        assertThat(edit.status()).as(edit.body()).isEqualTo(200);
        long unit = defaultImageUnit(user, port);

        fixtures.request(berth.admin(), unit, "start");

        JsonObject failed = fixtures.settled(unit);
        assertThat(failed.getString("state")).isEqualTo("FAILED");
        assertThat(failed.getString("lastError")).contains("exited with code 78")
                .contains("lists no <Host ... port=\"" + port + "\">");
    }

    private long defaultImageUnit(String user, int port) {
        Api.Reply created = berth.admin().post("/units", """
                {"user":"%s","host":"%s","port":%d}""".formatted(user, RunningBerth.HOST, port));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().getJsonNumber("id").longValue();
    }
}
