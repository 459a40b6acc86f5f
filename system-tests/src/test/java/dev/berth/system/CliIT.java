package dev.berth.system;


import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testsupport.Poll;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code berth} command line against the booted Berth, as the real jar in a process of its own: every subcommand
 * at least once, tables and {@code --json}, the API's refusals as exit code 1 with its message, usage errors as 2,
 * a followed log that ends with its unit, an image load with its progress, and no password in any command line.
 */
@ExtendWith(RunningBerth.class)
class CliIT {

    private final RunningBerth berth;
    private final Fixtures fixtures;

    @TempDir
    Path dir;

    CliIT(RunningBerth berth) {
        this.berth = berth;
        this.fixtures = new Fixtures(berth);
    }

    @Test
    void managesAUserFromCreationToDeletion() {
        String name = "c" + UUID.randomUUID().toString().substring(0, 8);
        String password = "first-" + UUID.randomUUID();
        Cli admin = Cli.admin(berth, dir).secret(password);

        Cli.Run created = admin.runWithInput(password + "\n", "users", "create", name, "--alias", "张三",
                "--memory", "64m", "--cpu-shares", "512", "--max-units", "3");
        Cli.Run shown = admin.run("users", "show", name);
        Cli.Run listed = admin.run("users", "list", "--json");
        Cli.Run table = admin.run("users", "list");

        assertOk(created);
        assertThat(created.out()).containsPattern("(?m)^name +" + name + "$").containsPattern("(?m)^alias +张三$");
        assertOk(shown);
        assertThat(shown.out()).containsPattern("(?m)^maxUnits +3$").containsPattern("(?m)^memory +64m$");
        assertThat(array(listed.out())).extracting(u -> u.asJsonObject().getString("name")).contains(name, "admin");
        assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("NAME").contains("ALIAS", "MEMORY");
        assertThat(table.out()).containsPattern("(?m)^" + name + " +张三 +USER +64m +512 ");
        assertThat(berth.as(name, password).get("/units").status()).isEqualTo(200);

        String changed = "second-" + UUID.randomUUID();
        Cli.Run own = Cli.as(berth, dir, name, password).secret(changed)
                .runWithInput(changed + "\n", "users", "password", name);
        String reset = "third-" + UUID.randomUUID();
        Cli.Run byAdmin = admin.secret(reset).runWithInput(reset + "\n", "users", "password", name);

        assertOk(own);
        assertOk(byAdmin);
        assertThat(berth.as(name, changed).get("/units").status()).isEqualTo(401);
        assertThat(berth.as(name, reset).get("/units").status()).isEqualTo(200);
        Cli.Run self = Cli.as(berth, dir, name, reset).run("users", "list", "--json");
        assertThat(array(self.out())).extracting(u -> u.asJsonObject().getString("name")).containsExactly(name);

        Cli.Run clients = admin.run("users", "allowed-clients", name, "10.9.0.0/16", "127.0.0.0/8");
        Cli.Run disk = admin.run("users", "disk", name, "3g", "--json");
        assertOk(clients);
        assertThat(clients.out()).containsPattern("(?m)^allowedClients +10\\.9\\.0\\.0/16,127\\.0\\.0\\.0/8$");
        assertThat(object(disk.out()).getString("disk")).isEqualTo("3g");
        assertThat(object(admin.run("users", "allowed-clients", name, "--default", "--json").out())
                .getBoolean("allowedClientsDefault")).isTrue();
        assertThat(object(admin.run("users", "disk", name, "--default", "--json").out()).getString("disk"))
                .isNotEqualTo("3g");

        Cli.Run disabled = admin.run("users", "disable", name);
        assertOk(disabled);
        assertThat(disabled.out()).containsPattern("(?m)^disabled +true$");
        assertThat(berth.as(name, reset).get("/units").status()).isEqualTo(401);
        assertOk(admin.run("users", "enable", name));
        assertThat(berth.as(name, reset).get("/units").status()).isEqualTo(200);

        Cli.Run deleted = admin.run("users", "delete", name);
        Cli.Run gone = admin.run("users", "show", name);
        assertOk(deleted);
        assertThat(deleted.out()).contains("user " + name + " deleted");
        assertThat(gone.exit()).as(gone.toString()).isEqualTo(1);
        assertThat(gone.err()).contains("no user named '" + name + "'").contains("HTTP 404");
        for (Cli.Run run : java.util.List.of(created, own, byAdmin, deleted)) {
            assertThat(run.secretsSeen()).as(run.args() + ": secrets in a command line").isEmpty();
        }
    }

    @Test
    void issuesATokenLogsInWithItAndRevokesIt() throws Exception {
        String user = fixtures.newUser("64m", 512);
        Path saved = dir.resolve("nightly.token");

        Cli.Run created = Cli.as(berth, dir, user, Fixtures.PASSWORD).run("tokens", "create", "--name", "nightly",
                "--days", "3", "--save", saved.toString());

        assertOk(created);
        String token = Files.readString(saved).strip();
        assertThat(token).startsWith("berth_");
        assertThat(created.out()).doesNotContain(token).containsPattern("(?m)^name +nightly$");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(saved))).isEqualTo("rw-------");
        Cli byToken = Cli.withoutPassword(berth, dir).env("BERTH_TOKEN", token).secret(token);
        Cli.Run units = byToken.run("units", "list");
        Cli.Run listed = byToken.run("token", "list", "--json");
        Cli.Run fromFile = Cli.withoutPassword(berth, dir).secret(token).run("tokens", "list", "--token-file",
                saved.toString());
        assertOk(units);
        assertThat(units.secretsSeen()).isEmpty();
        JsonObject mine = array(listed.out()).getJsonObject(0);
        assertThat(mine.getString("name")).isEqualTo("nightly");
        assertThat(listed.out()).doesNotContain(token);
        assertOk(fromFile);
        assertThat(fromFile.out()).containsPattern("(?m)^" + mine.getInt("id") + " +nightly +" + user + " ");

        assertOk(byToken.run("tokens", "revoke", String.valueOf(mine.getInt("id"))));

        Cli.Run refused = byToken.run("units", "list");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("token is not accepted");
    }

    @Test
    void definesUpdatesEnrollsAndDeletesAHost() throws Exception {
        String host = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        Cli admin = Cli.admin(berth, dir);

        Cli.Run defined = admin.run("hosts", "define", host, "--address", "127.0.0.9", "--port-min", "9000",
                "--port-max", "9100");
        Cli.Run listed = admin.run("hosts", "list");
        Cli.Run updated = admin.run("hosts", "update", host, "--address", "127.0.0.9", "--port-min", "9000",
                "--port-max", "9200", "--json");
        Path saved = dir.resolve("agent.password");
        Cli.Run enrolled = admin.run("hosts", "enroll", host, "--save", saved.toString());
        Cli.Run rekeyed = admin.run("hosts", "enroll", host, "--json");

        assertOk(defined);
        assertThat(listed.out()).containsPattern("(?m)^" + host + " +127\\.0\\.0\\.9 +DEFINED +9000-9100 ");
        assertThat(listed.out()).containsPattern("(?m)^" + RunningBerth.HOST + " +\\S+ +ONLINE ");
        assertThat(object(updated.out()).getInt("portMax")).isEqualTo(9200);
        assertOk(enrolled);
        String password = Files.readString(saved).strip();
        assertThat(password).isNotEmpty();
        assertThat(enrolled.out()).doesNotContain(password).containsPattern("(?m)^user +agent-" + host + "$");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(saved))).isEqualTo("rw-------");
        assertThat(object(rekeyed.out()).getString("password")).isNotEqualTo(password).isNotEmpty();
        assertThat(admin.run("hosts", "show", host).out()).containsPattern("(?m)^enrolled +true$");

        assertOk(admin.run("hosts", "delete", host));
        Cli.Run gone = admin.run("hosts", "show", host);
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err()).contains(host).contains("HTTP 404");
    }

    @Test
    void runsAUnitAndFollowsItsLogUntilItStopsWithoutAPasswordInAnyCommandLine() throws Exception {
        String user = fixtures.newUser("64m", 512);
        int port = RunningBerth.freePort();
        Cli admin = Cli.admin(berth, dir).secret(Fixtures.PASSWORD);
        Cli owner = Cli.as(berth, dir, user, Fixtures.PASSWORD).secret(berth.adminPassword());

        Cli.Run created = admin.run("units", "create", "--owner", user, "--host", RunningBerth.HOST, "--port",
                String.valueOf(port), "--image", "berth/probe:1", "--json");
        assertOk(created);
        long id = object(created.out()).getJsonNumber("id").longValue();
        Cli.Run started = owner.run("units", "start", String.valueOf(id), "--wait");
        Cli.Run shown = owner.run("units", "show", String.valueOf(id));
        Cli.Run listed = owner.run("units", "list");

        assertOk(started);
        assertThat(started.out()).contains("unit " + id + ": start SUCCEEDED");
        assertThat(shown.out()).containsPattern("(?m)^state +RUNNING$");
        assertThat(listed.out()).containsPattern("(?m)^" + id + " +" + user + " +" + RunningBerth.HOST + " .* "
                + port + " +berth/probe:1 +RUNNING +RUNNING +RUNNING +on-failure$");

        // followed through the launcher (./berth execs java): the process and its children are scanned
        Cli.Running follow = owner.viaLauncher().start("", "units", "logs", String.valueOf(id), "-f", "--tail", "all");
        Poll.until(Duration.ofSeconds(30), "the followed log to show the unit's first line", () -> {
            follow.scan();
            return follow.out().contains("berth probe serving on port " + port);
        });
        assertThat(follow.process().isAlive()).as("still following").isTrue();
        Cli.Run stopped = admin.run("units", "stop", String.valueOf(id), "--wait");
        Cli.Run followed = follow.await(Duration.ofSeconds(30));

        assertOk(stopped);
        assertThat(followed.exit()).as(followed.toString()).isZero();
        assertThat(followed.scans()).isPositive();
        assertThat(followed.secretsSeen()).as("secrets in a command line").isEmpty();
        Cli.Run tail = owner.run("units", "logs", String.valueOf(id), "--tail", "1", "--timestamps");
        assertOk(tail);
        assertThat(tail.out().lines().count()).isEqualTo(1);
        assertThat(tail.out()).matches("(?s)\\d{4}-\\d\\d-\\d\\dT.*");

        Cli.Run deleted = owner.run("units", "delete", String.valueOf(id), "--wait");
        Cli.Run gone = owner.run("units", "show", String.valueOf(id));
        assertOk(deleted);
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err()).contains("no unit with id " + id);
        for (Cli.Run run : java.util.List.of(created, started, stopped, deleted)) {
            assertThat(run.secretsSeen()).as(run.args() + ": secrets in a command line").isEmpty();
        }
    }

    @Test
    void saysWhatWasWrongWithExitCodeOneForRefusalsAndTwoForUsage() {
        Cli admin = Cli.admin(berth, dir);
        String name = "c" + UUID.randomUUID().toString().substring(0, 8);

        Cli.Run unknownUnit = admin.run("units", "start", "987654321");
        Cli.Run badMemory = admin.runWithInput("long-enough-password\n", "users", "create", name, "--memory", "5k",
                "--cpu-shares", "512");
        Cli.Run noPassword = Cli.withoutPassword(berth, dir).run("--user", "somebody", "units", "list");
        Cli.Run noAdminPassword = Cli.withoutPassword(berth, dir).run("hosts", "list");
        // a user of its own: failed logins count against the name, and the admin's are needed elsewhere
        Cli.Run wrongPassword = Cli.as(berth, dir, fixtures.newUser("64m", 512), "wrong-" + UUID.randomUUID())
                .run("hosts", "list");
        Cli.Run passwordOption = admin.run("hosts", "list", "--password", berth.adminPassword());
        Cli.Run missingPort = admin.run("units", "create", "--owner", "x", "--host", RunningBerth.HOST);
        Cli.Run noStdin = admin.run("users", "create", name, "--memory", "64m", "--cpu-shares", "512");
        Cli.Run nowhere = Cli.admin(berth, dir).env("BERTH_URL", "http://127.0.0.1:1/api").run("units", "list");

        assertThat(unknownUnit.exit()).as(unknownUnit.toString()).isEqualTo(1);
        assertThat(unknownUnit.err()).contains("no unit with id 987654321").contains("HTTP 404");
        assertThat(badMemory.exit()).as(badMemory.toString()).isEqualTo(1);
        assertThat(badMemory.err()).contains("5k").contains("HTTP 400");
        assertThat(noPassword.exit()).isEqualTo(2);
        assertThat(noPassword.err()).contains("no password for 'somebody'").contains("BERTH_PASSWORD");
        assertThat(noAdminPassword.exit()).isEqualTo(2);
        assertThat(noAdminPassword.err()).contains("no password for 'admin'").contains("admin.password");
        assertThat(wrongPassword.exit()).isEqualTo(1);
        assertThat(wrongPassword.err()).contains("HTTP 401");
        assertThat(passwordOption.exit()).isEqualTo(2);
        assertThat(passwordOption.err()).contains("Unknown option: '--password'")
                .doesNotContain(berth.adminPassword());
        assertThat(missingPort.exit()).isEqualTo(2);
        assertThat(missingPort.err()).contains("--port");
        assertThat(noStdin.exit()).isEqualTo(2);
        assertThat(noStdin.err()).contains("no password on standard input");
        assertThat(nowhere.exit()).isEqualTo(1);
        assertThat(nowhere.err()).contains("Berth does not answer at http://127.0.0.1:1/api");
        assertThat(berth.admin().get("/users/" + name).status()).isEqualTo(404);
    }

    @Test
    void importsExportsAndShowsTheAuditTrail() throws Exception {
        Cli admin = Cli.admin(berth, dir);
        String address = berth.admin().get("/hosts/" + RunningBerth.HOST).json().getString("address");
        String a = "ia" + UUID.randomUUID().toString().substring(0, 6);
        String b = "ib" + UUID.randomUUID().toString().substring(0, 6);
        Path users = Files.writeString(dir.resolve("docker_user.xml"), GuideFiles.dockerUsers(a, b,
                Fixtures.PASSWORD, berth.dataDir().resolve("homes").toString(),
                address + ":" + RunningBerth.freePort(), address + ":" + RunningBerth.freePort()));
        Path broken = Files.writeString(dir.resolve("broken.xml"), "<Users><User><Name>x</Name></Users>");

        Cli.Run dryRun = admin.run("import", "users", users.toString());
        assertThat(berth.admin().get("/users/" + a).status()).isEqualTo(404);
        Cli.Run applied = admin.run("import", "users", users.toString(), "--apply");
        Cli.Run refused = admin.run("import", "users", broken.toString());
        Cli.Run exported = admin.run("export", "users");
        Cli.Run unitServer = admin.run("export", "unitserver", "--of", a);
        Cli.Run audit = admin.run("audit", "--owner", a, "--limit", "5");
        Cli.Run auditJson = admin.run("audit", "--limit", "3", "--json");

        assertOk(dryRun);
        assertThat(dryRun.out().lines().findFirst().orElseThrow()).matches("LINE +KIND +NAME +ACTION +DETAIL");
        assertThat(dryRun.out()).containsPattern("(?m)^\\d+ +user +" + a + " +create");
        assertThat(dryRun.err()).contains("dry run: nothing was written");
        assertOk(applied);
        assertThat(applied.err()).contains("applied");
        assertThat(berth.admin().get("/users/" + a).status()).isEqualTo(200);
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).contains("HTTP 400").containsPattern("(?m)^  line \\d+: ");
        assertOk(exported);
        assertThat(exported.out()).contains("<Users>").contains("<Name>" + a + "</Name>");
        assertOk(unitServer);
        assertThat(unitServer.out()).contains("<SERVER").contains("<Host ip=\"" + address + "\"");
        assertOk(audit);
        assertThat(audit.out().lines().findFirst().orElseThrow()).matches("TIME +ACTOR +ACTION +TARGET +OUTCOME"
                + " +DETAIL");
        assertThat(audit.out()).containsPattern("(?m) admin +user\\.import\\.create +user " + a + " +SUCCEEDED ");
        assertThat(array(auditJson.out())).hasSize(3);
    }

    @Test
    void listsPreviewsAndRepairsDrift() {
        Cli admin = Cli.admin(berth, dir);
        String unit = String.valueOf(910_000_000L + System.nanoTime() % 1_000_000);
        String container = berth.docker().createContainerCmd("berth/probe:1")
                .withEntrypoint("/bin/sh", "-c", "sleep 600")
                .withLabels(java.util.Map.of("berth.managed", "true", "berth.unit", unit, "berth.host",
                        RunningBerth.HOST))
                .exec().getId();
        try {
            Cli.Run listed = admin.run("drift", "--host", RunningBerth.HOST, "--json");
            assertOk(listed);
            String id = array(listed.out()).stream().map(JsonValue::asJsonObject)
                    .filter(f -> container.equals(f.getString("container", ""))).findFirst().orElseThrow()
                    .getString("id");
            Cli.Run table = admin.run("drift", "--host", RunningBerth.HOST);
            Cli.Run preview = admin.run("drift", "repair", "--host", RunningBerth.HOST, "--dry-run", id);
            Cli.Run noIds = admin.run("drift", "repair", "--dry-run");
            assertThat(berth.containersOf(Long.parseLong(unit))).as("a preview changes nothing").hasSize(1);
            Cli.Run repaired = admin.run("drift", "repair", "--host", RunningBerth.HOST, id);
            Cli.Run again = admin.run("drift", "repair", "--host", RunningBerth.HOST, id);

            assertOk(table);
            assertThat(table.out().lines().findFirst().orElseThrow()).matches("ID +HOST +KIND +UNIT +PORT +REPAIR"
                    + " +DETAIL");
            assertThat(table.out()).containsPattern("(?m)^" + id + " +" + RunningBerth.HOST + " +ORPHAN_CONTAINER +"
                    + unit + " ");
            assertOk(preview);
            assertThat(preview.out()).containsPattern("(?m)^" + id + " .* PREVIEW +remove container ");
            assertThat(noIds.exit()).isEqualTo(2);
            assertThat(noIds.err()).contains("name the findings to repair");
            assertOk(repaired);
            assertThat(repaired.out()).containsPattern("(?m)^" + id + " .* DONE +container ");
            assertThat(berth.containersOf(Long.parseLong(unit))).isEmpty();
            assertThat(again.exit()).as("gone: the id names no finding now").isEqualTo(1);
            assertThat(again.out()).contains("FAILED").contains("no finding " + id + " now");
        } finally {
            try {
                berth.docker().removeContainerCmd(container).withForce(true).exec();
            } catch (com.github.dockerjava.api.exception.NotFoundException repaired) {
                // the repair removed it
            }
        }
    }

    @Test
    void loadsAnImageShowingTheUploadAndEachHostsLoad() throws Exception {
        Path tar = dir.resolve("probe.tar");
        try (InputStream saved = berth.docker().saveImageCmd("berth/probe:1").exec()) {
            Files.copy(saved, tar);
        }

        Cli.Run load = Cli.admin(berth, dir).run("load-image", tar.toString(), RunningBerth.HOST);
        Cli.Run noFile = Cli.admin(berth, dir).run("load-image", dir.resolve("none.tar").toString());

        assertOk(load);
        assertThat(load.err()).contains("uploading probe.tar   0% ").contains("uploading probe.tar 100% ")
                .contains("upload ").contains("loading on 1 host(s)").contains(RunningBerth.HOST + ": SUCCEEDED");
        assertThat(load.out()).containsPattern("(?m)^" + RunningBerth.HOST + " +SUCCEEDED +berth/probe:1");
        assertThat(noFile.exit()).isEqualTo(2);
        assertThat(noFile.err()).contains("no readable file");
    }

    @Test
    void speaksHttpsTrustingTheGivenTrustStore() {
        String https = "https://127.0.0.1:" + berth.httpsPort() + "/api";

        Cli.Run trusted = Cli.admin(berth, dir).env("BERTH_URL", https)
                .env("BERTH_TRUSTSTORE", berth.httpsKeystore().toString())
                .env("BERTH_TRUSTSTORE_PASSWORD", berth.httpsKeystorePassword()).run("hosts", "list");
        Cli.Run untrusted = Cli.admin(berth, dir).env("BERTH_URL", https).run("hosts", "list");

        assertOk(trusted);
        assertThat(trusted.out()).contains(RunningBerth.HOST);
        assertThat(untrusted.exit()).isEqualTo(1);
        assertThat(untrusted.err()).contains("no TLS connection").contains("BERTH_TRUSTSTORE");
    }

    @Test
    void logsInWritingTheClientsFilesKeepsTheSessionAliveAndLogsOutAtTheEnd() throws Exception {
        String user = fixtures.newUser("64m", 512);
        int port = RunningBerth.freePort();
        long unit = fixtures.newUnit(user, RunningBerth.HOST, port);
        Cli owner = Cli.as(berth, dir, user, Fixtures.PASSWORD);
        Path config = dir.resolve("esproc-config");

        Cli.Run login = owner.run("login", "--out", config.toString());

        assertOk(login);
        assertThat(login.out()).containsPattern("(?m)^" + unit + " +" + RunningBerth.HOST + " +127\\.0\\.0\\.1:" + port
                + " +RUNNING +yes +started$");
        assertThat(Files.readString(config.resolve("raqsoftConfig.xml"))).contains("<Unit>127.0.0.1:" + port
                + "</Unit>");
        assertThat(Files.readString(config.resolve("unitServer.xml"))).contains("port=\"" + port + "\"");
        Cli.Run again = owner.run("login", "--out", config.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("user " + user + " is logged in already");
        Cli.Run logout = owner.run("logout");
        assertOk(logout);
        assertThat(logout.out()).contains("ended (logged out)");
        assertThat(fixtures.settled(unit).getString("state")).isEqualTo("STOPPED");

        // --keep: alive until the process is told to stop (Ctrl-C, here SIGTERM), then logged out
        Cli.Running kept = owner.start("", "login", "--out", config.toString(), "--keep");
        Poll.until(Duration.ofSeconds(60), "the session to be kept alive", () -> kept.out().contains("keeping the"
                + " session alive"));
        assertThat(berth.as(user, Fixtures.PASSWORD).get("/sessions").array()).hasSize(1);
        kept.process().destroy();
        Cli.Run ended = kept.await(Duration.ofSeconds(60));
        assertThat(ended.err()).contains("logged out of session");
        assertThat(berth.as(user, Fixtures.PASSWORD).get("/sessions").array()).isEmpty();
        assertThat(fixtures.settled(unit).getString("state")).isEqualTo("STOPPED");
        assertThat(ended.secretsSeen()).isEmpty();
    }

    private static void assertOk(Cli.Run run) {
        assertThat(run.exit()).as(run.toString()).isZero();
    }

    private static JsonArray array(String json) {
        return (JsonArray) parse(json);
    }

    private static JsonObject object(String json) {
        return (JsonObject) parse(json);
    }

    private static JsonValue parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }
}
