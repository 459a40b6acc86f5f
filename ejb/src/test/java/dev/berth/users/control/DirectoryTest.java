package dev.berth.users.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import dev.berth.users.entity.DirectoryAnswer;
import dev.berth.users.entity.DirectoryAnswer.Verdict;
import dev.berth.users.entity.DirectoryEntry;
import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Berth's LDAP client against a real LDAP server (UnboundID's, in memory). */
class DirectoryTest {

    private static final String BASE = "dc=berth,dc=test";
    private static final String SERVICE = "cn=berth,ou=services," + BASE;

    private InMemoryDirectoryServer server;
    private final Directory directory = new Directory();

    @BeforeEach
    void startDirectory() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setSchema(null);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(),
                0, null));
        // only the service account may search, as a directory that refuses anonymous reads
        config.setAuthenticationRequiredOperationTypes(com.unboundid.ldap.sdk.OperationType.SEARCH);
        server = new InMemoryDirectoryServer(config);
        server.add("dn: " + BASE, "objectClass: domain", "dc: berth");
        server.add("dn: ou=services," + BASE, "objectClass: organizationalUnit", "ou: services");
        server.add("dn: ou=people," + BASE, "objectClass: organizationalUnit", "ou: people");
        server.add("dn: ou=groups," + BASE, "objectClass: organizationalUnit", "ou: groups");
        server.add("dn: " + SERVICE, "objectClass: person", "cn: berth", "sn: berth", "userPassword: service-pw");
        person("alice", "alice-pw", "Alice A.");
        person("bob", "bob-pw", null);
        server.add("dn: cn=berth-users,ou=groups," + BASE, "objectClass: groupOfNames", "cn: berth-users",
                "member: uid=alice,ou=people," + BASE, "member: uid=bob,ou=people," + BASE);
        server.add("dn: cn=analysts,ou=groups," + BASE, "objectClass: groupOfNames", "cn: analysts",
                "member: uid=alice,ou=people," + BASE);
        server.startListening();

        DirectorySettings settings = new DirectorySettings();
        settings.url = Optional.of("ldap://127.0.0.1:" + server.getListenPort());
        settings.bindDn = Optional.of(SERVICE);
        settings.bindPassword = Optional.of("service-pw");
        settings.userBase = Optional.of("ou=people," + BASE);
        settings.groupBase = Optional.of("ou=groups," + BASE);
        settings.realm = Optional.empty();
        settings.timeoutSeconds = 5;
        directory.settings = settings;
        VerifiedPasswords verified = new VerifiedPasswords();
        verified.cacheSeconds = 0;
        directory.verified = verified;
    }

    private void person(String uid, String password, String displayName) throws Exception {
        server.add("dn: uid=" + uid + ",ou=people," + BASE, "objectClass: inetOrgPerson", "uid: " + uid,
                "cn: " + uid + " cn", "sn: " + uid, "userPassword: " + password,
                displayName == null ? "description: none" : "displayName: " + displayName);
    }

    @AfterEach
    void stopDirectory() {
        directory.close();
        server.shutDown(true);
    }

    @Test
    void acceptsTheRightPasswordWithTheUsersGroups() {
        DirectoryAnswer answer = directory.check("alice", "alice-pw");

        assertThat(answer.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(answer.groups()).containsExactlyInAnyOrder("berth-users", "analysts");
        assertThat(answer.displayName()).isEqualTo("Alice A.");
        assertThat(directory.check("bob", "bob-pw").displayName()).isEqualTo("bob cn");
    }

    @Test
    void refusesAWrongOrEmptyPassword() {
        assertThat(directory.check("alice", "bob-pw").verdict()).isEqualTo(Verdict.WRONG_PASSWORD);
        assertThat(directory.check("alice", "").verdict()).isEqualTo(Verdict.WRONG_PASSWORD);
    }

    @Test
    void knowsNoNameTheDirectoryHasNot() {
        assertThat(directory.check("carol", "x").verdict()).isEqualTo(Verdict.UNKNOWN);
        // a filter's special characters are a name, not a filter
        assertThat(directory.check("*", "alice-pw").verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void refusesALockedEntryWithoutBinding() throws Exception {
        server.modify("uid=alice,ou=people," + BASE, new Modification(ModificationType.ADD, "nsAccountLock",
                "true"));

        DirectoryAnswer answer = directory.check("alice", "alice-pw");

        assertThat(answer.verdict()).isEqualTo(Verdict.LOCKED);
        assertThat(answer.detail()).contains("nsAccountLock=true");
    }

    @Test
    void readsTheGroupsAgainAtEveryLogin() throws Exception {
        assertThat(directory.check("bob", "bob-pw").groups()).containsExactly("berth-users");

        server.modify("cn=analysts,ou=groups," + BASE, new Modification(ModificationType.ADD, "member",
                "uid=bob,ou=people," + BASE));

        assertThat(directory.check("bob", "bob-pw").groups()).containsExactlyInAnyOrder("berth-users", "analysts");
    }

    @Test
    void findsAnEntryWithItsDn() {
        Optional<DirectoryEntry> entry = directory.find("alice");

        assertThat(entry).isPresent();
        assertThat(entry.get().dn()).isEqualToIgnoringCase("uid=alice,ou=people," + BASE);
        assertThat(entry.get().lock()).isEmpty();
    }

    @Test
    void reconnectsWhenTheServerDroppedTheKeptConnection() throws Exception {
        assertThat(directory.find("alice")).isPresent();

        server.closeAllConnections(false);

        assertThat(directory.find("alice")).isPresent();
    }

    @Test
    void saysWhenTheDirectoryCannotBeAsked() {
        server.shutDown(true);

        assertThatThrownBy(() -> directory.check("alice", "alice-pw"))
                .isInstanceOf(DirectoryUnavailableException.class).hasMessageContaining("did not answer");
    }

    @Test
    void saysWhichSettingIsMissing() {
        directory.settings.groupBase = Optional.empty();

        assertThatThrownBy(() -> directory.find("alice")).isInstanceOf(DirectoryUnavailableException.class)
                .hasMessageContaining("BERTH_LDAP_GROUP_BASE");
    }
}
