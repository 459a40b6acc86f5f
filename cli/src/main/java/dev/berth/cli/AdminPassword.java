package dev.berth.cli;

import dev.berth.cli.client.Api;
import dev.berth.cli.client.Login;
import jakarta.json.Json;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import picocli.CommandLine.Command;

/**
 * {@code berth admin-password}: rotates the admin's password in a running Berth. The new one is the first line of
 * standard input when that is no terminal, else generated; either way it goes to {@code $BERTH_DATA_DIR/admin.password}
 * (owner-only), where the launcher and this command line find it, and is shown nowhere.
 */
@Command(name = "admin-password", description = {"Rotate the admin's password: the new one from standard input (one"
        + " line), or generated;", "written to $BERTH_DATA_DIR/admin.password (owner-only), shown nowhere."})
final class AdminPassword extends Subcommand {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public Integer call() {
        Berth berth = berth();
        Login current = Login.of(Login.ADMIN, berth.passwordFile, berth.env);
        Api api = berth.api(current);
        String next;
        if (berth.interactive()) {
            byte[] secret = new byte[24];
            RANDOM.nextBytes(secret);
            next = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        } else {
            next = berth.stdinLine();
            if (next == null || next.isEmpty()) {
                throw new Berth.Usage("no new password on standard input (one line); at a terminal one is generated");
            }
        }
        api.send("PUT", "/users/admin/password", Json.createObjectBuilder().add("current", current.password())
                .add("new", next).build());
        Path file = Login.dataDir(berth.env).resolve("admin.password");
        Hosts.writeOwnerOnly(file, next + "\n");
        berth.err.println("the admin password is changed; the new one is in " + file + " (readable by its owner only)");
        if (berth.env.get("BERTH_ADMIN_PASSWORD") != null) {
            berth.err.println("BERTH_ADMIN_PASSWORD in your environment holds the old one: unset or update it");
        }
        return 0;
    }
}
