package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testsupport.Api;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A user's configuration file keeps every save as a numbered version: versions are listed and read by the user and
 * admins, compared line by line, and an admin saves an older one again, still checked as esProc would read it.
 */
@ExtendWith(RunningBerth.class)
class ConfigVersionsIT {

    private final RunningBerth berth;
    private final Fixtures fixtures;

    ConfigVersionsIT(RunningBerth berth) {
        this.berth = berth;
        this.fixtures = new Fixtures(berth);
    }

    @Test
    void keepsEverySaveComparesThemAndSavesAnOlderOneAgain() {
        String user = fixtures.newUser("64m", 512);
        fixtures.newUnit(user, RunningBerth.HOST, RunningBerth.freePort());
        Api self = berth.as(user, Fixtures.PASSWORD);
        String path = "/users/" + user + "/config/unitServer.xml";
        String versions = path + "/versions";
        String generated = self.get(path).body();
        assertThat(self.get(versions).array()).isEmpty();

        String first = generated.replace("<TempTimeOut>12</TempTimeOut>", "<TempTimeOut>30</TempTimeOut>");
        String second = first.replace("<TempTimeOut>30</TempTimeOut>", "<TempTimeOut>45</TempTimeOut>")
                .replace("<ProxyTimeOut>12</ProxyTimeOut>", "<ProxyTimeOut>20</ProxyTimeOut>");
        assertThat(berth.admin().put(path, "application/xml", first).status()).isEqualTo(200);
        assertThat(berth.admin().put(path, "application/xml", second).status()).isEqualTo(200);
        Api.Reply bad = berth.admin().put(path, "application/xml", "<SERVER Version=\"3\">\n<Hosts>\n</SERVER>");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error()).contains("line 3: not well-formed XML");

        List<JsonObject> listed = list(self, versions);
        assertThat(listed).extracting(v -> v.getInt("number")).as("the bad edit saved nothing").containsExactly(2, 1);
        assertThat(listed.get(1).getString("summary")).isEqualTo("edited (+1 -1 lines)");
        assertThat(listed.get(0).getString("summary")).isEqualTo("edited (+2 -2 lines)");
        assertThat(listed).allSatisfy(v -> {
            assertThat(v.getString("createdBy")).isEqualTo("admin");
            assertThat(v.getString("user")).isEqualTo(user);
            assertThat(v.containsKey("content")).isFalse();
        });
        assertThat(self.get(versions + "/1").body()).isEqualTo(first);

        assertThat(self.get(versions + "/1/diff").body()).startsWith("""
                --- unitServer.xml (now)
                +++ unitServer.xml (version 1)
                @@ -1,9 +1,9 @@
                 <?xml version="1.0" encoding="UTF-8"?>
                 <SERVER Version="3">
                -    <TempTimeOut>45</TempTimeOut>
                +    <TempTimeOut>30</TempTimeOut>
                     <Interval>0</Interval>
                     <AutoStart>false</AutoStart>
                -    <ProxyTimeOut>20</ProxyTimeOut>
                +    <ProxyTimeOut>12</ProxyTimeOut>
                     <Hosts>
                """);
        assertThat(self.get(versions + "/2/diff?against=1").body())
                .contains("-    <TempTimeOut>30</TempTimeOut>\n+    <TempTimeOut>45</TempTimeOut>\n");
        Api.Reply same = self.get(versions + "/2/diff");
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.body()).isEmpty();

        assertThat(self.post(versions + "/1/revert", "").status()).as("only admins save").isEqualTo(403);
        Api.Reply reverted = berth.admin().post(versions + "/1/revert", "");
        assertThat(reverted.status()).as(reverted.body()).isEqualTo(200);
        assertThat(reverted.json().getBoolean("edited")).isTrue();
        assertThat(self.get(path).body()).isEqualTo(first);
        JsonObject newest = list(self, versions).get(0);
        assertThat(newest.getInt("number")).isEqualTo(3);
        assertThat(newest.getString("summary")).isEqualTo("reverted to version 1 (+2 -2 lines)");
        assertThat(berth.admin().get("/audit?user=" + user).array()).map(JsonValue::asJsonObject)
                .anySatisfy(a -> {
                    assertThat(a.getString("action")).isEqualTo("config.revert");
                    assertThat(a.getString("detail")).contains("unitServer.xml: version 1 saved again as version 3");
                });
    }

    @Test
    void checksAnOlderVersionAgainstTheUnitsOfNowAndKeepsTheGeneratedFileToo() {
        String user = fixtures.newUser("64m", 512);
        fixtures.newUnit(user, RunningBerth.HOST, RunningBerth.freePort());
        String path = "/users/" + user + "/config/unitServer.xml";
        String versions = path + "/versions";
        String first = berth.admin().get(path).body().replace("<Interval>0</Interval>", "<Interval>5</Interval>");
        assertThat(berth.admin().put(path, "application/xml", first).status()).isEqualTo(200);
        int added = RunningBerth.freePort();
        fixtures.newUnit(user, RunningBerth.HOST, added);

        Api.Reply stale = berth.admin().post(versions + "/1/revert", "");

        assertThat(stale.status()).isEqualTo(400);
        assertThat(stale.error()).contains("no <Host> has port " + added);
        assertThat(list(berth.admin(), versions)).hasSize(1);
        assertThat(berth.admin().delete(path).json().getBoolean("edited")).isFalse();
        String generated = berth.admin().get(path).body();
        assertThat(generated).contains("port=\"" + added + "\"");
        JsonObject newest = list(berth.admin(), versions).get(0);
        assertThat(newest.getInt("number")).isEqualTo(2);
        assertThat(newest.getString("summary")).startsWith("generated again (+");
        assertThat(berth.admin().get(versions + "/2").body()).isEqualTo(generated);
        Api.Reply missing = berth.admin().get(versions + "/9");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.error()).contains("no version 9 of " + user + "'s unitServer.xml");
        assertThat(berth.admin().get("/users/" + user + "/config/passwd/versions").status()).isEqualTo(404);
    }

    @Test
    void showsAUsersVersionsToThemAndAdminsOnly() {
        String user = fixtures.newUser("64m", 512);
        String other = fixtures.newUser("64m", 512);
        String path = "/users/" + user + "/config/raqsoftConfig.xml";
        String edited = berth.admin().get(path).body().replace("<Level>INFO</Level>", "<Level>DEBUG</Level>");
        assertThat(berth.admin().put(path, "application/xml", edited).status()).isEqualTo(200);
        Api stranger = berth.as(other, Fixtures.PASSWORD);

        for (String read : List.of("/versions", "/versions/1", "/versions/1/diff")) {
            assertThat(stranger.get(path + read).status()).as(read).isEqualTo(403);
            assertThat(berth.as(user, Fixtures.PASSWORD).get(path + read).status()).as(read).isEqualTo(200);
        }
        assertThat(stranger.post(path + "/versions/1/revert", "").status()).isEqualTo(403);
    }

    private static List<JsonObject> list(Api api, String versions) {
        Api.Reply reply = api.get(versions);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.array().stream().map(JsonValue::asJsonObject).toList();
    }
}
