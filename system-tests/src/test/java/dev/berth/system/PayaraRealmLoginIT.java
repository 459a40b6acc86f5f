package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testsupport.Api;
import dev.berth.testsupport.BerthProcess;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Berth of its own whose logins go to a realm of its Payara server instead of an LDAP directory
 * ({@code BERTH_LOGIN_REALM}): a file realm, made by the operator's post-boot commands
 * ({@code BERTH_POST_BOOT_COMMANDS}: {@code create-auth-realm}, {@code create-file-user}) before Berth deploys.
 */
class PayaraRealmLoginIT {

    private static final String HOST = "realm-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String REALM = "berth-file";
    private static final String PASSWORD = "realm-" + UUID.randomUUID();

    private static Path dataDir;
    private static Path work;
    private static BerthProcess berth;

    @BeforeAll
    static void startBerthWithAFileRealm() throws IOException {
        dataDir = Files.createTempDirectory("berth-realm-");
        work = Files.createTempDirectory("berth-realm-setup-");
        Path commands = work.resolve("post-boot.asadmin");
        Path keyfile = work.resolve("keyfile");
        // a password reaches create-file-user only through a password file (asadmin refuses it on its command line)
        Path password = work.resolve("users.password");
        Files.writeString(password, "AS_ADMIN_USERPASSWORD=" + PASSWORD + "\n");
        Files.writeString(commands, String.join("\n",
                "# the operator's realm: a file realm with two users",
                "create-auth-realm --classname=com.sun.enterprise.security.auth.realm.file.FileRealm"
                        + " --property=file=" + keyfile + ":jaas-context=fileRealm " + REALM,
                "create-file-user --passwordfile=" + password + " --authrealmname=" + REALM + " --groups="
                        + Directory.USERS + " ruser",
                "create-file-user --passwordfile=" + password + " --authrealmname=" + REALM + " --groups=printers"
                        + " rprinter", ""));
        for (Path file : List.of(commands, password)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        berth = BerthProcess.launch(RunningBerth.root(), HOST, dataDir, log("realm.log"), Map.of(
                "BERTH_LOGIN_REALM", REALM,
                "BERTH_POST_BOOT_COMMANDS", commands.toString(),
                "BERTH_AGENT_BIND_ADDRESS", "127.0.0.1",
                "BERTH_AGENT_HEARTBEAT_SECONDS", "1"));
        berth.awaitReady(Duration.ofMinutes(4));
    }

    @AfterAll
    static void stop() throws IOException {
        if (berth != null) {
            berth.close();
            // the server log beside the launcher's lines in target/ (the data dir goes)
            Files.copy(berth.serverLog(), log("realm-server.log"), StandardCopyOption.REPLACE_EXISTING);
        }
        for (Path dir : new Path[] {dataDir, work}) {
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
        }
    }

    private static Path log(String suffix) {
        return Path.of(System.getProperty("berth.log", "target/berth-system-test.log").replaceFirst("\\.log$", "")
                + "-" + suffix);
    }

    @Test
    void logsInAUserOfTheRealmAndProvisionsThemAtTheFirstLogin() {
        Api.Reply own = berth.as("ruser", PASSWORD).get("/users/ruser");

        assertThat(own.status()).as(own.body()).isEqualTo(200);
        JsonObject user = own.json();
        assertThat(user.getString("source")).isEqualTo("directory");
        assertThat(user.getString("role")).isEqualTo("USER");
        assertThat(user.getString("profile")).isEqualTo("default");
        assertThat(berth.admin().get("/audit?user=ruser").body()).contains("user.provision");
    }

    @Test
    void refusesAWrongPasswordAndAUserInNoMappedGroup() {
        assertThat(berth.as("ruser", "wrong-" + PASSWORD).get("/hosts").status()).isEqualTo(401);
        assertThat(berth.as("rprinter", PASSWORD).get("/hosts").status()).isEqualTo(401);
        assertThat(berth.as("nobody", PASSWORD).get("/hosts").status()).isEqualTo(401);
    }

    @Test
    void keepsTheLocalAdministrator() {
        assertThat(berth.admin().get("/profiles").status()).isEqualTo(200);
    }
}
