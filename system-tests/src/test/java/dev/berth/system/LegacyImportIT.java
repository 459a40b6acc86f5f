package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testsupport.Api;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The guide's docker_user.xml, docker_server.xml and a unitServer.xml through {@code POST /api/import} and
 * {@code GET /api/export}, against the running Berth: dry run, apply, idempotence, hashed passwords, refusals with line
 * numbers that leave nothing behind, and the round trip export -> import.
 */
@ExtendWith(RunningBerth.class)
class LegacyImportIT {

    private static final String XML = "application/xml";

    private final RunningBerth berth;
    private final Api admin;
    private final String address;

    LegacyImportIT(RunningBerth berth) {
        this.berth = berth;
        this.admin = berth.admin();
        this.address = admin.get("/hosts/" + RunningBerth.HOST).json().getString("address");
    }

    /** Two users as in the guide (section 2.5), adapted: fresh names and ports, this machine's address, own homes. */
    private record Guide(String aaa, String bbb, String password, int port1, int port2, int port3, String xml) {
    }

    private Guide guide() {
        String aaa = "lg" + UUID.randomUUID().toString().substring(0, 8);
        String bbb = "lg" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        int p1 = RunningBerth.freePort();
        int p2 = RunningBerth.freePort();
        int p3 = RunningBerth.freePort();
        String homes = berth.dataDir().resolve("homes").toString();
        String xml = GuideFiles.dockerUsers(aaa, bbb, password, homes, address + ":" + p1,
                address + ":" + p2 + ", " + address + ":" + p3);
        return new Guide(aaa, bbb, password, p1, p2, p3, xml);
    }

    private Api.Reply importFile(String kind, boolean dryRun, String xml) {
        return admin.post("/import?kind=" + kind + "&dryRun=" + dryRun, XML, xml);
    }

    private static List<String> actions(Api.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().getJsonArray("changes").getValuesAs(JsonObject.class).stream()
                .map(c -> c.getInt("line") + " " + c.getString("kind") + " " + c.getString("name") + " "
                        + c.getString("action"))
                .toList();
    }

    private static List<String> problems(Api.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.error()).contains("nothing was written");
        return reply.json().getJsonArray("problems").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList();
    }

    @Test
    void importsTheGuidesUsersAfterADryRunAndAgainAsUnchanged() {
        Guide g = guide();
        String a = address;

        Api.Reply dry = importFile("users", true, g.xml());

        assertThat(dry.json().getBoolean("dryRun")).isTrue();
        assertThat(actions(dry)).containsExactly(
                "3 user " + g.aaa() + " create", "10 unit " + a + ":" + g.port1() + " create",
                "12 user " + g.bbb() + " create", "19 unit " + a + ":" + g.port2() + " create",
                "19 unit " + a + ":" + g.port3() + " create");
        assertThat(admin.get("/users/" + g.aaa()).status()).isEqualTo(404);
        assertThat(admin.get("/units").array().getValuesAs(JsonObject.class))
                .noneMatch(u -> u.getString("user").equals(g.aaa()) || u.getString("user").equals(g.bbb()));

        Api.Reply applied = importFile("users", false, g.xml());

        assertThat(applied.json().getBoolean("dryRun")).isFalse();
        assertThat(actions(applied)).containsExactlyElementsOf(actions(dry));
        JsonObject aaa = admin.get("/users/" + g.aaa()).json();
        assertThat(aaa.getString("alias")).isEqualTo("张三");
        assertThat(aaa.getString("memory")).isEqualTo("500m");
        assertThat(aaa.getInt("cpuShares")).isEqualTo(512);
        assertThat(aaa.getString("home")).isEqualTo(berth.dataDir().resolve("homes").resolve(g.aaa()).toString());
        assertThat(admin.get("/users/" + g.bbb()).json().getString("alias")).isEqualTo("李四");
        assertThat(admin.get("/units").array().getValuesAs(JsonObject.class).stream()
                .filter(u -> u.getString("user").equals(g.bbb()))
                .map(u -> u.getString("host") + ":" + u.getInt("port") + " " + u.getString("state")))
                .containsExactlyInAnyOrder(RunningBerth.HOST + ":" + g.port2() + " DEFINED",
                        RunningBerth.HOST + ":" + g.port3() + " DEFINED");
        // the password was hashed on the way in: it logs in, and no answer shows it or its hash
        Api.Reply self = berth.as(g.aaa(), g.password()).get("/users/" + g.aaa());
        assertThat(self.status()).as(self.body()).isEqualTo(200);
        assertThat(self.body()).doesNotContain(g.password()).doesNotContainIgnoringCase("pbkdf2")
                .doesNotContainIgnoringCase("password");
        assertThat(berth.as(g.aaa(), "wrong-" + g.password()).get("/users/" + g.aaa()).status()).isEqualTo(401);
        assertThat(admin.get("/audit?user=" + g.aaa()).body()).contains("user.import.create", "unit.create")
                .doesNotContain(g.password());

        assertThat(actions(importFile("users", false, g.xml()))).allSatisfy(c -> assertThat(c).endsWith(" unchanged"))
                .hasSize(5);
    }

    @Test
    void updatesChangedUsersAndKeepsUnitsTheFileNoLongerLists() {
        Guide g = guide();
        assertThat(importFile("users", false, g.xml()).status()).isEqualTo(200);
        String changed = g.xml().replace("<Memory>500m</Memory>\n <CPU>512</CPU>\n <Home>" + berth.dataDir()
                        .resolve("homes") + "/" + g.bbb(), "<Memory>1g</Memory>\n <CPU>1024</CPU>\n <Home>"
                        + berth.dataDir().resolve("homes") + "/" + g.bbb())
                .replace(", " + address + ":" + g.port3(), "");

        List<String> actions = actions(importFile("users", false, changed));

        assertThat(actions).contains("12 user " + g.bbb() + " update", "19 unit " + address + ":" + g.port2()
                + " unchanged", "0 unit " + address + ":" + g.port3() + " kept");
        JsonObject bbb = admin.get("/users/" + g.bbb()).json();
        assertThat(bbb.getString("memory")).isEqualTo("1g");
        assertThat(bbb.getInt("cpuShares")).isEqualTo(1024);
        assertThat(admin.get("/units").array().getValuesAs(JsonObject.class))
                .filteredOn(u -> u.getString("user").equals(g.bbb())).hasSize(2);
    }

    @Test
    void exportImportsBackUnchangedWithHashesNeverClearPasswords() {
        Guide g = guide();
        assertThat(importFile("users", false, g.xml()).status()).isEqualTo(200);

        Api.Reply users = admin.get("/export/users");
        Api.Reply unitServer = admin.get("/export/unitserver?user=" + g.bbb());
        Api.Reply server = admin.get("/export/servers?host=" + RunningBerth.HOST);

        assertThat(users.status()).as(users.body()).isEqualTo(200);
        assertThat(users.body()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Users>")
                .contains("<Name>" + g.aaa() + "</Name>", "<Alias>张三</Alias>",
                        "<Unit>" + address + ":" + g.port2() + "," + address + ":" + g.port3() + "</Unit>")
                .contains("<Pwd>PBKDF2WithHmacSHA256:")
                .doesNotContain(g.password(), "<Name>admin</Name>");
        assertThat(actions(importFile("users", true, users.body())))
                .allSatisfy(c -> assertThat(c).endsWith(" unchanged"));
        assertThat(berth.as(g.bbb(), g.password()).get("/users/" + g.bbb()).status()).isEqualTo(200);

        assertThat(unitServer.status()).as(unitServer.body()).isEqualTo(200);
        assertThat(unitServer.body()).contains("<SERVER Version=\"3\">",
                "<Host ip=\"" + address + "\" port=\"" + g.port2() + "\" maxTaskNum=\"2\" preferredTaskNum=\"1\">",
                "<EnabledClients check=\"false\">");
        assertThat(actions(admin.post("/import?kind=unitserver&user=" + g.bbb(), "text/xml", unitServer.body())))
                .extracting(c -> c.substring(c.indexOf(' ') + 1))
                .containsExactly("unit " + address + ":" + g.port2() + " unchanged",
                        "unit " + address + ":" + g.port3() + " unchanged");

        assertThat(server.status()).as(server.body()).isEqualTo(200);
        assertThat(server.body()).contains("<Config>", "<Server>" + address + ":");
        assertThat(actions(admin.post("/import?kind=servers&host=" + RunningBerth.HOST, XML, server.body())))
                .containsExactly("3 host " + RunningBerth.HOST + " unchanged");
    }

    @Test
    void definesAHostFromItsDockerServerXmlAndPlacesUnitsOnItByAddress() {
        String name = "lg-" + UUID.randomUUID().toString().substring(0, 8);
        String ip = "198.51.100." + (1 + (int) (Math.random() * 250));
        String share = berth.dataDir().resolve("share-" + name).toString();
        String server = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Config>
                 <Server>%s:9001</Server>
                 <Share>%s</Share>
                </Config>
                """.formatted(ip, share);

        assertThat(actions(admin.post("/import?kind=servers&dryRun=true&host=" + name, XML, server)))
                .containsExactly("3 host " + name + " create");
        assertThat(admin.get("/hosts/" + name).status()).isEqualTo(404);
        assertThat(actions(admin.post("/import?kind=servers&dryRun=false&host=" + name, XML, server)))
                .containsExactly("3 host " + name + " create");

        JsonObject host = admin.get("/hosts/" + name).json();
        assertThat(host.getString("address")).isEqualTo(ip);
        assertThat(host.getString("shareDir")).isEqualTo(share);
        assertThat(host.getString("state")).isEqualTo("DEFINED");
        assertThat(actions(admin.post("/import?kind=servers&dryRun=false", XML, server)))
                .containsExactly("3 host " + name + " unchanged");
        assertThat(admin.get("/export/servers?host=" + name).body())
                .contains("<Server>" + ip + ":9001</Server>", "<Share>" + share + "</Share>")
                .doesNotContain("NodeType");
        Guide g = guide();
        assertThat(actions(importFile("users", false, g.xml().replace(address + ":" + g.port1(),
                ip + ":" + g.port1())))).contains("10 unit " + ip + ":" + g.port1() + " create");
        assertThat(admin.get("/units").array().getValuesAs(JsonObject.class))
                .filteredOn(u -> u.getString("user").equals(g.aaa()))
                .extracting(u -> u.getString("host") + ":" + u.getInt("port"))
                .containsExactly(name + ":" + g.port1());
    }

    @Test
    void refusesAMalformedFileWithEveryProblemsLineAndCreatesNothing() {
        Guide g = guide();
        String broken = g.xml().replaceFirst("<Memory>500m</Memory>", "<Memory>4m</Memory>")
                .replace("<CPU>512</CPU>\n <Home>" + berth.dataDir().resolve("homes") + "/" + g.bbb(),
                        "<CPU>lots</CPU>\n <Home>" + berth.dataDir().resolve("homes") + "/" + g.bbb());

        List<String> problems = problems(importFile("users", false, broken));

        assertThat(problems).containsExactly(
                "line 7: user " + g.aaa() + ": memory '4m' is below Docker's minimum of 6m (6 MiB)",
                "line 17: CPU 'lots' of user " + g.bbb() + " is not a number; give CPU shares such as 512");
        assertThat(problems(importFile("users", true, g.xml().replace("</Alias>", "</Alia>"))))
                .singleElement().asString().startsWith("line 5: not well-formed XML");
        assertThat(admin.get("/users/" + g.aaa()).status()).isEqualTo(404);
        assertThat(admin.get("/users/" + g.bbb()).status()).isEqualTo(404);
    }

    @Test
    void refusesAGivenHashOfTooFewOrTooManyIterations() {
        Guide g = guide();
        String hashes = g.xml().replaceFirst("<Pwd>" + g.password() + "</Pwd>",
                        "<Pwd>PBKDF2WithHmacSHA256:1000:c2FsdHNhbHRzYWx0:aGFzaGhhc2hoYXNoaGFzaA==</Pwd>")
                .replaceFirst("<Pwd>" + g.password() + "</Pwd>",
                        "<Pwd>PBKDF2WithHmacSHA256:900000000:c2FsdHNhbHRzYWx0:aGFzaGhhc2hoYXNoaGFzaA==</Pwd>");

        List<String> problems = problems(importFile("users", false, hashes));

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).contains("the <Pwd> hash of user " + g.aaa() + " has 1000 iterations, fewer than"
                + " Berth's 50000");
        assertThat(problems.get(1)).contains("the <Pwd> hash of user " + g.bbb() + " has 900000000 iterations, more"
                + " than 1000000");
        assertThat(admin.get("/users/" + g.aaa()).status()).isEqualTo(404);
    }

    @Test
    void refusesAnUnknownIpAndAPortOfAnotherUserWithTheirLines() {
        Guide first = guide();
        assertThat(importFile("users", false, first.xml()).status()).isEqualTo(200);
        Guide g = guide();
        String clash = g.xml().replace(address + ":" + g.port1(), "192.0.2.77:" + g.port1())
                .replace(address + ":" + g.port3(), address + ":" + first.port1());

        List<String> problems = problems(importFile("users", false, clash));

        assertThat(problems).containsExactly(
                "line 10: no host has address 192.0.2.77; import its docker_server.xml or define the host first",
                "line 19: port " + first.port1() + " on host " + RunningBerth.HOST + " is in use by unit "
                        + unitId(first.aaa()) + " of user " + first.aaa() + "; choose another port");
        assertThat(admin.get("/users/" + g.aaa()).status()).isEqualTo(404);
        assertThat(admin.get("/users/" + g.bbb()).status()).isEqualTo(404);
        assertThat(admin.get("/units").array().getValuesAs(JsonObject.class))
                .noneMatch(u -> u.getInt("port") == g.port2());
    }

    @Test
    void importIsForAdminsOnly() {
        Guide g = guide();
        assertThat(importFile("users", false, g.xml()).status()).isEqualTo(200);

        Api.Reply refused = berth.as(g.aaa(), g.password()).post("/import?kind=users&dryRun=true", XML, g.xml());

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(berth.as(g.aaa(), g.password()).get("/export/users").status()).isEqualTo(403);
        assertThat(importFile("nonsense", true, g.xml()).error()).contains("kind 'nonsense' is unknown");
    }

    private long unitId(String user) {
        return admin.get("/units").array().getValuesAs(JsonObject.class).stream()
                .filter(u -> u.getString("user").equals(user)).map(u -> u.getJsonNumber("id").longValue())
                .findFirst().orElseThrow();
    }
}
