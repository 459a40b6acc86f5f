package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testsupport.Poll;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth batch} against the booted Berth, as the real jar in a process of its own: a JSON batch that makes a
 * user and a unit and starts it, followed to its end with plain progress lines (no terminal) and its table; the same
 * file again applies nothing; a failing item is exit code 1 and holds up nothing else; the guide's docker_user.xml
 * sent without an id; {@code show} and {@code list}.
 */
@ExtendWith(RunningBerth.class)
class BatchCliIT {

    private final RunningBerth berth;

    @TempDir
    Path dir;

    BatchCliIT(RunningBerth berth) {
        this.berth = berth;
    }

    @Test
    void appliesAJsonBatchToTheEndAndNothingTwice() throws Exception {
        String batch = "cli-" + UUID.randomUUID();
        String user = "b" + UUID.randomUUID().toString().substring(0, 8);
        int port = RunningBerth.freePort();
        Path file = Files.writeString(dir.resolve("people.json"), """
                {"batch":"%1$s","items":[
                 {"key":"u","op":"user.upsert","user":{"name":"%2$s","password":"%3$s","memory":"64m","cpuShares":512}},
                 {"key":"n","op":"unit.ensure","unit":{"user":"%2$s","host":"%4$s","port":%5$d,"image":"berth/probe:1"}},
                 {"key":"s","op":"unit.start","user":"%2$s","host":"%4$s","port":%5$d}]}
                """.formatted(batch, user, Fixtures.PASSWORD, RunningBerth.HOST, port));
        Cli admin = Cli.admin(berth, dir);

        Cli.Run applied = admin.run("batch", "apply", file.toString());

        assertThat(applied.exit()).as(applied.toString()).isZero();
        assertThat(applied.out().lines().findFirst().orElseThrow()).matches("KEY +OP +OUTCOME +DETAIL");
        assertThat(applied.out()).containsPattern("(?m)^u +user\\.upsert +APPLIED\\b")
                .containsPattern("(?m)^n +unit\\.ensure +APPLIED\\b")
                .containsPattern("(?m)^s +unit\\.start +APPLIED\\b");
        assertThat(applied.err()).contains("3/3 applied 3 unchanged 0 failed 0").doesNotContain("\r");
        JsonObject view = berth.admin().get("/batches/" + batch).json();
        assertThat(view.getString("state")).isEqualTo("DONE");
        assertThat(view.getInt("applied")).isEqualTo(3);
        assertThat(view.getString("submittedBy")).isEqualTo("admin");
        JsonObject unit = berth.admin().get("/units").array().stream().map(u -> u.asJsonObject())
                .filter(u -> u.getInt("port") == port).findFirst().orElseThrow();
        assertThat(unit.getString("state")).isEqualTo("RUNNING");

        Cli.Run again = admin.run("batch", "apply", file.toString());
        Cli.Run shown = admin.run("batch", "show", batch);
        Cli.Run listed = admin.run("batch", "list", "--limit", "5");

        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.err()).contains("was sent before: nothing is applied again");
        assertThat(again.out()).containsPattern("(?m)^s +unit\\.start +APPLIED\\b");
        assertThat(berth.admin().get("/audit?unit=" + unit.getInt("id")).array().stream().map(r -> r.asJsonObject())
                .filter(r -> r.getString("action").equals("unit.start") && r.getString("actor").equals("admin")))
                .as("the admin's start requests of the unit").hasSize(1);
        assertThat(shown.exit()).as(shown.toString()).isZero();
        assertThat(shown.out()).containsPattern("(?m)^state +DONE$").containsPattern("(?m)^KEY +OP +OUTCOME");
        assertThat(listed.out()).containsPattern("(?m)^" + batch + " +DONE +3 +3 +0 +0 +0 +admin ");

        Path down = Files.writeString(dir.resolve("down.json"), """
                {"items":[{"key":"stop","op":"unit.stop","user":"%1$s","host":"%2$s","port":%3$d},
                 {"key":"delete","op":"unit.delete","user":"%1$s","host":"%2$s","port":%3$d}]}
                """.formatted(user, RunningBerth.HOST, port));
        // items of one unit run in order, those of others alongside: the user goes in a batch of its own
        Path bye = Files.writeString(dir.resolve("bye.json"), """
                {"items":[{"key":"user","op":"user.delete","name":"%s"}]}""".formatted(user));
        Cli.Run removed = admin.run("batch", "apply", down.toString());
        Cli.Run gone = admin.run("batch", "apply", bye.toString());

        assertThat(removed.exit()).as(removed.toString()).isZero();
        assertThat(removed.err()).containsPattern("batch down-[0-9a-f]{16}: 2/2 applied 2");
        assertThat(gone.exit()).as(gone.toString()).isZero();
        assertThat(berth.admin().get("/users/" + user).status()).isEqualTo(404);
        Poll.until(Duration.ofSeconds(60), "the unit's container to be removed",
                () -> berth.containersOf(unit.getInt("id")).isEmpty());
    }

    @Test
    void aFailingItemIsExitCodeOneAndHoldsUpNothingElse() throws Exception {
        String user = "b" + UUID.randomUUID().toString().substring(0, 8);
        Path file = Files.writeString(dir.resolve("mixed.json"), """
                {"batch":"cli-%1$s","items":[
                 {"key":"nobody","op":"unit.start","user":"nobody-%1$s","host":"%2$s","port":%3$d},
                 {"key":"ok","op":"user.upsert","user":{"name":"%4$s","password":"%5$s","memory":"64m","cpuShares":512}},
                 {"key":"bad","op":"user.upsert","user":{"name":"%4$s-x","password":"%5$s","memory":"lots","cpuShares":512}}]}
                """.formatted(UUID.randomUUID(), RunningBerth.HOST, RunningBerth.freePort(), user, Fixtures.PASSWORD));

        Cli.Run accepted = Cli.admin(berth, dir).run("batch", "apply", file.toString(), "--no-wait");
        Cli.Run run = Cli.admin(berth, dir).run("batch", "apply", file.toString(), "--json");

        assertThat(accepted.exit()).as(accepted.toString()).isZero();
        assertThat(accepted.out()).containsPattern("(?m)^total +3$");
        assertThat(accepted.err()).contains("accepted; berth batch show cli-");
        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("\"failed\":2").contains("\"applied\":1");
        assertThat(run.err()).contains("3/3 applied 1 unchanged 0 failed 2");
        assertThat(berth.admin().get("/users/" + user).status()).isEqualTo(200);
        assertThat(berth.admin().get("/users/" + user + "-x").status()).isEqualTo(404);

        Cli.Run table = Cli.admin(berth, dir).run("batch", "apply", file.toString());
        assertThat(table.exit()).isEqualTo(1);
        assertThat(table.out()).containsPattern("(?m)^nobody +unit\\.start +FAILED +\\S")
                .containsPattern("(?m)^bad +user\\.upsert +FAILED +.*lots")
                .containsPattern("(?m)^ok +user\\.upsert +APPLIED");
        assertThat(berth.admin().delete("/users/" + user).status()).isEqualTo(204);
    }

    @Test
    void appliesTheGuidesUserFileUnderAnIdOfItsNameAndContent() throws Exception {
        String address = berth.admin().get("/hosts/" + RunningBerth.HOST).json().getString("address");
        String a = "xa" + UUID.randomUUID().toString().substring(0, 6);
        String b = "xb" + UUID.randomUUID().toString().substring(0, 6);
        Path users = Files.writeString(dir.resolve("docker_user.xml"), GuideFiles.dockerUsers(a, b,
                Fixtures.PASSWORD, berth.dataDir().resolve("homes").toString(),
                address + ":" + RunningBerth.freePort(), address + ":" + RunningBerth.freePort()));
        Cli admin = Cli.admin(berth, dir);

        Cli.Run applied = admin.run("batch", "apply", users.toString());
        Cli.Run again = admin.run("batch", "apply", users.toString());

        assertThat(applied.exit()).as(applied.toString()).isZero();
        assertThat(applied.err()).containsPattern("batch docker_user-[0-9a-f]{16}: (\\d+)/\\1 applied");
        assertThat(berth.as(a, Fixtures.PASSWORD).get("/units").status()).isEqualTo(200);
        assertThat(berth.as(b, Fixtures.PASSWORD).get("/units").status()).isEqualTo(200);
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.err()).contains("was sent before");
    }
}
