package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.cli.client.Login;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a password comes from: a named file, then BERTH_PASSWORD, then (admin only) the launcher's places. */
class LoginTest {

    @TempDir
    Path dir;

    @Test
    void aNamedFileWinsOverTheEnvironment() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "from-file\r\nsecond line\n");

        Login login = Login.of("aaa", file, Map.of("BERTH_PASSWORD", "from-env"));

        assertThat(login.password()).isEqualTo("from-file");
        assertThat(login.toString()).doesNotContain("from-file");
    }

    @Test
    void theAdminFallsBackToTheFirstStartsPasswordThenTheDataDirsFile() throws Exception {
        Files.writeString(dir.resolve("admin.password"), "from-data-dir\n");
        Map<String, String> dataDir = Map.of("BERTH_DATA_DIR", dir.toString());

        assertThat(Login.of("admin", null, Map.of("BERTH_PASSWORD", "p", "BERTH_ADMIN_PASSWORD", "a",
                "BERTH_DATA_DIR", dir.toString())).password()).isEqualTo("p");
        assertThat(Login.of("admin", null, Map.of("BERTH_ADMIN_PASSWORD", "a", "BERTH_DATA_DIR", dir.toString()))
                .password()).isEqualTo("a");
        assertThat(Login.of("admin", null, dataDir).password()).isEqualTo("from-data-dir");
    }

    @Test
    void anotherUserNeverGetsTheAdminsPassword() throws Exception {
        Files.writeString(dir.resolve("admin.password"), "admins\n");

        assertThatThrownBy(() -> Login.of("aaa", null, Map.of("BERTH_ADMIN_PASSWORD", "a",
                "BERTH_DATA_DIR", dir.toString())))
                .isInstanceOf(Login.Missing.class).hasMessageContaining("no password for 'aaa'");
    }

    @Test
    void anEmptyOrMissingFileIsSaidSo() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");

        assertThatThrownBy(() -> Login.of("aaa", empty, Map.of())).hasMessageContaining("is empty");
        assertThatThrownBy(() -> Login.of("aaa", dir.resolve("none"), Map.of())).hasMessageContaining("cannot read");
        assertThatThrownBy(() -> Login.of("admin", null, Map.of("BERTH_DATA_DIR", dir.resolve("x").toString())))
                .hasMessageContaining("no password for 'admin'").hasMessageContaining("admin.password");
    }

    @Test
    void aTokenComesFromItsFileThenTheEnvironmentAndNeverWithAPasswordFile() throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("token"), "berth_from-file\n");
        Path passwordFile = Files.writeString(dir.resolve("pw"), "secret\n");
        Map<String, String> env = Map.of("BERTH_TOKEN", "berth_from-env");

        assertThat(Login.token(tokenFile, null, env).orElseThrow().authorization())
                .isEqualTo("Bearer berth_from-file");
        assertThat(Login.token(null, null, env).orElseThrow().token()).isEqualTo("berth_from-env");
        // a named password file means a password login, whatever the environment says
        assertThat(Login.token(null, passwordFile, env)).isEmpty();
        assertThat(Login.token(null, null, Map.of("BERTH_TOKEN", ""))).isEmpty();
        assertThatThrownBy(() -> Login.token(tokenFile, passwordFile, env)).isInstanceOf(Login.Missing.class)
                .hasMessageContaining("not both");
    }

    @Test
    void aPasswordLoginIsBasic() {
        assertThat(new Login("aaa", "secret").authorization()).isEqualTo("Basic YWFhOnNlY3JldA==");
    }
}
