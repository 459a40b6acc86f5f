package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testsupport.Api;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin guide end to end, scenario 2: its docker_server.xml (one per machine) and docker_user.xml, adapted to this
 * machine's addresses (127.0.0.1 for the manager's host, 127.0.0.2 for the second engine's), imported through the API;
 * a user's two units, one on each host, started by that user with the imported password; SPL run on each real esProc
 * node through esProc's JDBC driver; each host's share, the user's data and configuration reached the node; the
 * limits hold inside.
 */
@ExtendWith({SecondHost.class, RunningBerth.class})
class GuideEndToEndIT {

    private static final String XML = "application/xml";

    private final RunningBerth berth;
    private final Fixtures fixtures;

    GuideEndToEndIT(RunningBerth berth, SecondHost second) {
        this.berth = berth;
        this.fixtures = new Fixtures(berth);
    }

    @Test
    void importsTheGuidesFilesAndRunsSplOnAUsersUnitsOnTwoHosts() throws IOException {
        String token = UUID.randomUUID().toString().substring(0, 8);
        Path share1 = share("share1-" + token, "host one " + token);
        Path share2 = share("share2-" + token, "host two " + token);
        // docker_server.xml of each machine, as in the guide; the first is the entry machine (NodeType manager)
        imported("servers", RunningBerth.HOST, """
                <?xml version="1.0" encoding="UTF-8"?>
                <Config>
                 <Server>127.0.0.1:9001</Server>
                 <Share>%s</Share>
                 <NodeType>manager</NodeType>
                </Config>
                """.formatted(share1));
        imported("servers", SecondHost.HOST, """
                <?xml version="1.0" encoding="UTF-8"?>
                <Config>
                 <Server>%s:9001</Server>
                 <Share>%s</Share>
                </Config>
                """.formatted(SecondHost.ADDRESS, share2));
        try {
            String aaa = "aaa" + token;
            String bbb = "bbb" + token;
            String password = "pw-" + UUID.randomUUID();
            int p1 = RunningBerth.freePort();
            int p2 = RunningBerth.freePort();
            int p3 = RunningBerth.freePort();
            String homes = berth.dataDir().resolve("homes").toString();
            // a user's two units on two hosts (scenario 2), the other's on the second host
            String users = GuideFiles.dockerUsers(aaa, bbb, password, homes,
                    "127.0.0.1:" + p1 + "," + SecondHost.ADDRESS + ":" + p2, SecondHost.ADDRESS + ":" + p3);

            // dry run first: it says what it would do and does nothing
            Api.Reply plan = berth.admin().post("/import?kind=users&dryRun=true", XML, users);
            assertThat(plan.status()).as(plan.body()).isEqualTo(200);
            assertThat(plan.body()).contains("\"create\"");
            assertThat(berth.admin().get("/users/" + aaa).status()).isEqualTo(404);
            imported("users", null, users);
            Api.Reply again = berth.admin().post("/import?kind=users&dryRun=true", XML, users);
            assertThat(again.json().getJsonArray("changes").getValuesAs(JsonObject.class))
                    .allSatisfy(c -> assertThat(c.getString("action")).isEqualTo("unchanged"));

            // the user logs in with the imported password and sees their two units, one per host
            Api user = berth.as(aaa, password);
            assertThat(user.get("/users/" + aaa).json().getString("alias")).isEqualTo("张三");
            List<JsonObject> units = user.get("/units").array().getValuesAs(JsonObject.class);
            assertThat(units).extracting(u -> u.getString("host") + ":" + u.getInt("port"))
                    .containsExactlyInAnyOrder(RunningBerth.HOST + ":" + p1, SecondHost.HOST + ":" + p2);
            Path home = Path.of(homes, aaa);
            Files.createDirectories(home.resolve("data"));
            Files.writeString(home.resolve("data/numbers.txt"), "n\n1\n2\n3\n", StandardCharsets.UTF_8);
            for (JsonObject unit : units) {
                fixtures.request(user, unit.getJsonNumber("id").longValue(), "start");
            }
            for (JsonObject unit : units) {
                JsonObject settled = fixtures.settled(unit.getJsonNumber("id").longValue());
                assertThat(settled.getString("state")).as(settled.toString()).isEqualTo("RUNNING");
            }

            check(new EsprocClient("127.0.0.1", p1), p1, "host one " + token, p1, p2);
            check(new EsprocClient(SecondHost.ADDRESS, p2), p2, "host two " + token, p1, p2);

            for (JsonObject unit : units) {
                fixtures.finished(fixtures.request(berth.admin(), unit.getJsonNumber("id").longValue(), "delete"));
            }
        } finally {
            // leave the hosts as other tests expect them: the agents' own shares, no manager flag
            berth.admin().put("/hosts/" + RunningBerth.HOST, "application/json", "{\"address\":\"127.0.0.1\"}");
            berth.admin().put("/hosts/" + SecondHost.HOST, "application/json",
                    "{\"address\":\"" + SecondHost.ADDRESS + "\"}");
        }
    }

    /** SPL computed on the node; the host's share, the user's data and both of the user's units reached it. */
    private static void check(EsprocClient node, int port, String shared, int p1, int p2) {
        assertThat(node.value("=to(1,1000000).sum()")).hasToString("500000500000");
        // it ran on this unit's node: only that container has its node directory
        assertThat((Number) node.value("=directory@p(\"/opt/esproc/nodes/0.0.0.0_" + port + "/log/*\").len()"))
                .satisfies(logs -> assertThat(logs.intValue()).isPositive());
        assertThat(node.value("=file(\"/opt/esproc/config/guide-share.txt\").read()")).isEqualTo(shared);
        assertThat(node.value("=file(\"numbers.txt\").import@t().(n).sum()")).hasToString("6");
        assertThat((String) node.value("=file(\"/opt/esproc/config/unitServer.xml\").read()"))
                .contains("port=\"" + p1 + "\"").contains("port=\"" + p2 + "\"");
        assertThat(node.memoryLimitBytes()).isEqualTo(500L * 1024 * 1024);
        assertThat(node.maxTasks()).isEqualTo(2);
    }

    private Path share(String name, String content) throws IOException {
        Path dir = Files.createDirectories(berth.dataDir().resolve(name));
        Files.writeString(dir.resolve("guide-share.txt"), content, StandardCharsets.UTF_8);
        return dir;
    }

    private void imported(String kind, String host, String xml) {
        Api.Reply reply = berth.admin().post("/import?kind=" + kind + "&dryRun=false"
                + (host == null ? "" : "&host=" + host), XML, xml);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }
}
