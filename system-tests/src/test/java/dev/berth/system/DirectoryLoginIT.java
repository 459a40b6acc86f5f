package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testsupport.Api;
import dev.berth.testsupport.Poll;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Logins through the LDAP directory of the shared Berth ({@link Directory}, a real LDAP server in memory): groups
 * give roles, read again at every login; the first login provisions the user with the profile of their groups; a
 * locked, removed or unmapped user is refused and their logins end; local users keep logging in with Berth's own
 * passwords, and a name is never checked by both.
 */
@ExtendWith(RunningBerth.class)
class DirectoryLoginIT {

    private final RunningBerth berth;
    private final Directory directory;
    private final Fixtures fixtures;
    private final String password = "dir-" + UUID.randomUUID();

    DirectoryLoginIT(RunningBerth berth) {
        this.berth = berth;
        this.directory = berth.directory();
        this.fixtures = new Fixtures(berth);
    }

    @Test
    void provisionsAUserAtTheFirstLoginWithTheProfileOfTheirGroup() {
        String group = "g" + UUID.randomUUID().toString().substring(0, 8);
        String profile = "p-" + group;
        Api.Reply created = berth.admin().post("/profiles", """
                {"name":"%s","memory":"96m","cpuShares":300,"maxUnits":1,"allowedClients":["10.9.0.0/16"],\
                "groups":["%s"]}""".formatted(profile, group));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String uid = directory.newUser(password, Directory.USERS, group);
        assertThat(berth.admin().get("/users/" + uid).status()).isEqualTo(404);

        Api.Reply own = berth.as(uid, password).get("/users/" + uid);

        assertThat(own.status()).as(own.body()).isEqualTo(200);
        JsonObject user = own.json();
        assertThat(user.getString("source")).isEqualTo("directory");
        assertThat(user.getString("profile")).isEqualTo(profile);
        assertThat(user.getString("role")).isEqualTo("USER");
        assertThat(user.getString("alias")).isEqualTo("Dir " + uid);
        assertThat(user.getString("memory")).isEqualTo("96m");
        assertThat(user.getInt("cpuShares")).isEqualTo(300);
        assertThat(user.getInt("maxUnits")).isEqualTo(1);
        assertThat(user.getJsonArray("allowedClients").getString(0)).isEqualTo("10.9.0.0/16");
        // the home a user created by an admin without one gets
        assertThat(user.getString("home")).isEqualTo(berth.dataDir().resolve("homes").resolve(uid).toString());
        assertThat(audit(uid, "user.provision")).map(r -> r.getString("detail")).get().asString()
                .contains("profile " + profile);
        assertThat(berth.admin().get("/profiles/" + profile).json().getJsonArray("users").getString(0))
                .isEqualTo(uid);
        // the profile's quota holds: one unit, not two
        String host = definedHost();
        fixtures.newUnit(uid, host, RunningBerth.freePort());
        Api.Reply second = berth.admin().post("/units", """
                {"user":"%s","host":"%s","port":%d}""".formatted(uid, host, RunningBerth.freePort()));
        assertThat(second.status()).as(second.body()).isEqualTo(409);
        assertThat(second.body()).contains("at most 1 units");
    }

    @Test
    void givesTheDefaultProfileToAUserOfNoProfilesGroup() {
        JsonObject defaults = berth.admin().get("/profiles/default").json();
        String uid = directory.newUser(password, Directory.USERS);

        JsonObject user = berth.as(uid, password).get("/users/" + uid).expect(200, "first login").json();

        assertThat(user.getString("profile")).isEqualTo("default");
        assertThat(user.getString("memory")).isEqualTo(defaults.getString("memory"));
        assertThat(user.getInt("cpuShares")).isEqualTo(defaults.getInt("cpuShares"));
    }

    @Test
    void takesTheRoleFromTheGroupsAtEveryLogin() {
        String uid = directory.newUser(password, Directory.USERS);
        Api api = berth.as(uid, password);
        assertThat(api.get("/profiles").status()).isEqualTo(403);

        directory.join(uid, Directory.ADMINS);

        assertThat(api.get("/profiles").status()).isEqualTo(200);
        assertThat(berth.admin().get("/users/" + uid).json().getString("role")).isEqualTo("ADMIN");
        assertThat(audit(uid, "login.directory").get().getString("detail")).contains("was USER");

        directory.leave(uid, Directory.ADMINS);

        assertThat(api.get("/profiles").status()).isEqualTo(403);
        assertThat(api.get("/users/" + uid).json().getString("role")).isEqualTo("USER");
    }

    @Test
    void refusesAUserInNoMappedGroup() {
        String uid = directory.newUser(password, "printers");

        assertThat(berth.as(uid, password).get("/hosts").status()).isEqualTo(401);

        assertThat(berth.admin().get("/users/" + uid).status()).isEqualTo(404);
        assertThat(audit(uid, "login.directory").get().getString("detail")).contains("in no group that maps to a role")
                .contains("printers");
    }

    @Test
    void refusesAWrongPassword() {
        String uid = directory.newUser(password, Directory.USERS);

        assertThat(berth.as(uid, "wrong-" + password).get("/hosts").status()).isEqualTo(401);

        assertThat(audit(uid, "login.directory").get().getString("detail")).contains("wrong password");
        assertThat(berth.as(uid, password).get("/hosts").status()).isEqualTo(200);
    }

    @Test
    void locksADirectoryNameAfterRepeatedFailuresAsALocalOne() {
        String uid = directory.newUser(password, Directory.USERS);

        // failures that come while the name is slowed down are not counted: try until it is locked
        Poll.until(Duration.ofSeconds(30), uid + " to be locked", () -> {
            assertThat(berth.as(uid, "wrong-" + UUID.randomUUID()).get("/hosts").status()).isEqualTo(401);
            return audit(uid, "login.locked").isPresent();
        });

        assertThat(berth.as(uid, password).get("/hosts").status()).isEqualTo(401);
    }

    @Test
    void endsTheLoginsOfAUserLockedInTheDirectoryAtTheirNextRequest() {
        String uid = directory.newUser(password, Directory.USERS);
        Api api = berth.as(uid, password);
        assertThat(api.get("/hosts").status()).isEqualTo(200);

        directory.lock(uid);

        assertThat(api.get("/hosts").status()).isEqualTo(401);
        assertThat(audit(uid, "login.directory").get().getString("detail")).contains("nsAccountLock=true");
        JsonObject revoked = audit(uid, "login.revoked").orElseThrow();
        assertThat(revoked.getString("detail")).contains("locked in the directory");
    }

    @Test
    void endsTheLoginsOfAUserRemovedFromTheDirectoryWithoutWaitingForTheirNextRequest() {
        String uid = directory.newUser(password, Directory.USERS);
        // a client session: one of the logins that AccessRevoked ends
        Api.Reply session = berth.as(uid, password).post("/sessions", "");
        assertThat(session.status()).as(session.body()).isEqualTo(201);
        String id = session.json().getString("id");

        directory.remove(uid);

        Poll.until(Duration.ofSeconds(RunningBerth.LDAP_CHECK_SECONDS * 10L), "the check to notice " + uid
                + " is gone", () -> audit(uid, "login.revoked").isPresent());
        assertThat(audit(uid, "login.revoked").get().getString("detail")).contains("not in the directory any more")
                .contains("periodic check");
        JsonObject ended = berth.admin().get("/sessions/" + id).json();
        assertThat(ended.getBoolean("live")).isFalse();
        assertThat(ended.getString("endReason")).contains("the directory no longer lets them in");
        assertThat(berth.as(uid, password).get("/hosts").status()).isEqualTo(401);
    }

    @Test
    void letsAUserOfTheDirectoryDoWhatAUserMayAndNoMore() {
        String uid = directory.newUser(password, Directory.USERS);
        Api api = berth.as(uid, password);
        api.get("/hosts").expect(200, "the first login, which makes the user");
        String other = fixtures.newUser("64m", 512);
        String host = definedHost();
        long own = fixtures.newUnit(uid, host, RunningBerth.freePort());
        long theirs = fixtures.newUnit(other, host, RunningBerth.freePort());

        assertThat(api.get("/units/" + own).status()).isEqualTo(200);
        assertThat(api.get("/units/" + theirs).status()).isEqualTo(403);
        assertThat(api.get("/users").array()).hasSize(1);
        assertThat(api.get("/users/" + other).status()).isEqualTo(403);
        assertThat(api.post("/users", "{}").status()).isEqualTo(403);
        assertThat(api.post("/units", "{}").status()).isEqualTo(403);
        assertThat(api.get("/profiles").status()).isEqualTo(403);
        // the password is the directory's
        Api.Reply change = api.put("/users/" + uid + "/password", "application/json",
                "{\"current\":\"" + password + "\",\"new\":\"another-password\"}");
        assertThat(change.status()).as(change.body()).isEqualTo(409);
        assertThat(change.body()).contains("through the directory");
    }

    @Test
    void keepsLocalUsersOnBerthsOwnPasswordsEvenWhenTheDirectoryHasTheirName() {
        String local = fixtures.newUser("64m", 512);
        directory.add(local, password);
        directory.join(local, Directory.ADMINS);

        assertThat(berth.as(local, Fixtures.PASSWORD).get("/users/" + local).json().getString("source"))
                .isEqualTo("local");
        // the directory's password for that name opens nothing, and makes no admin of it
        assertThat(berth.as(local, password).get("/hosts").status()).isEqualTo(401);
        assertThat(berth.as(local, Fixtures.PASSWORD).get("/profiles").status()).isEqualTo(403);
        assertThat(berth.admin().get("/users/" + local).json().getString("role")).isEqualTo("USER");
    }

    @Test
    void keepsTheAdministratorOfTheFirstStart() {
        assertThat(berth.admin().get("/profiles").status()).isEqualTo(200);
    }

    @Test
    void refusesToDeleteTheDefaultProfileAndKeepsAUsersLimitsWhenTheirProfileGoes() {
        assertThat(berth.admin().delete("/profiles/default").status()).isEqualTo(409);
        String group = "g" + UUID.randomUUID().toString().substring(0, 8);
        berth.admin().post("/profiles", """
                {"name":"p-%s","memory":"80m","cpuShares":200,"groups":["%s"]}""".formatted(group, group))
                .expect(201, "profile");
        String uid = directory.newUser(password, Directory.USERS, group);
        berth.as(uid, password).get("/hosts").expect(200, "first login");

        assertThat(berth.admin().delete("/profiles/p-" + group).status()).isEqualTo(204);

        JsonObject user = berth.admin().get("/users/" + uid).json();
        assertThat(user.getString("memory")).isEqualTo("80m");
        assertThat(user.getOrDefault("profile", JsonValue.NULL)).isEqualTo(JsonValue.NULL);
    }

    @Test
    void leavesUsersOfTheDirectoryOutOfTheLegacyFiles() {
        String uid = directory.newUser(password, Directory.USERS);
        berth.as(uid, password).get("/hosts").expect(200, "first login");

        assertThat(berth.admin().get("/export/users").body()).doesNotContain("<Name>" + uid + "</Name>");
        Api.Reply imported = berth.admin().post("/import?kind=users&dryRun=true", "application/xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Users>
                 <User>
                 <Name>%s</Name>
                 <Pwd>a-local-password</Pwd>
                 <Memory>500m</Memory>
                 <CPU>512</CPU>
                 <Unit></Unit>
                 </User>
                </Users>
                """.formatted(uid));
        assertThat(imported.status()).as(imported.body()).isEqualTo(400);
        assertThat(imported.body()).contains("user " + uid + " logs in through the directory");
    }

    private String definedHost() {
        String host = "dh-" + UUID.randomUUID().toString().substring(0, 8);
        berth.admin().post("/hosts", "{\"name\":\"" + host + "\",\"address\":\"192.0.2."
                + (1 + (int) (Math.random() * 250)) + "\"}").expect(201, "host " + host);
        return host;
    }

    /** The newest audit record of {@code action} about user {@code user}. */
    private Optional<JsonObject> audit(String user, String action) {
        List<JsonObject> records = berth.admin().get("/audit?user=" + user).array().stream()
                .map(JsonObject.class::cast).toList();
        return records.stream().filter(r -> action.equals(r.getString("action"))).findFirst();
    }
}
