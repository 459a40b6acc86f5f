package dev.berth.cli.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Who the command line logs in as: a user with their password (HTTP Basic), or an API token (Bearer), which stands
 * for its user. Neither ever comes from the command line, where {@code ps} shows it. The password comes from a file
 * named with {@code --password-file}, else {@code BERTH_PASSWORD}; for {@code admin} also, as the launcher always
 * did, from {@code BERTH_ADMIN_PASSWORD} (the first start's) or {@code $BERTH_DATA_DIR/admin.password}. A token
 * comes from a file named with {@code --token-file}, else {@code BERTH_TOKEN}.
 *
 * @param user     the login name; null for a token
 * @param password the password; null for a token
 * @param token    the API token; null for a password
 */
public record Login(String user, String password, String token) {

    public static final String ADMIN = "admin";

    /** No password could be found; a usage problem (exit code 2), with what to do. */
    public static final class Missing extends RuntimeException {
        Missing(String message) {
            super(message);
        }
    }

    /** A user's login with a password. */
    public Login(String user, String password) {
        this(user, password, null);
    }

    @Override
    public String toString() {
        return token != null ? "Login[token]" : "Login[" + user + "]";
    }

    /** The {@code Authorization} header of this login. */
    public String authorization() {
        if (token != null) {
            return "Bearer " + token;
        }
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The API token to log in with, if one is given: from {@code tokenFile} ({@code --token-file}), else from
     * {@code BERTH_TOKEN} unless a password file was named.
     */
    public static Optional<Login> token(Path tokenFile, Path passwordFile, Map<String, String> env) {
        if (tokenFile != null) {
            if (passwordFile != null) {
                throw new Missing("give either --token-file or --password-file, not both");
            }
            return Optional.of(new Login(null, null, firstLine(tokenFile, "--token-file")));
        }
        String token = env.get("BERTH_TOKEN");
        if (passwordFile == null && token != null && !token.isEmpty()) {
            return Optional.of(new Login(null, null, token));
        }
        return Optional.empty();
    }

    /**
     * @param user         the login name ({@code --user}, {@code BERTH_USER}, else {@code admin})
     * @param passwordFile {@code --password-file}, or null
     * @param env          the process's environment
     */
    public static Login of(String user, Path passwordFile, Map<String, String> env) {
        if (passwordFile != null) {
            return new Login(user, firstLine(passwordFile, "--password-file"));
        }
        String password = env.get("BERTH_PASSWORD");
        if (password != null && !password.isEmpty()) {
            return new Login(user, password);
        }
        if (ADMIN.equals(user)) {
            password = env.get("BERTH_ADMIN_PASSWORD");
            if (password != null && !password.isEmpty()) {
                return new Login(user, password);
            }
            Path file = dataDir(env).resolve("admin.password");
            if (Files.isReadable(file)) {
                return new Login(user, firstLine(file, "the admin's password file"));
            }
            throw new Missing("no password for 'admin': set BERTH_PASSWORD, give a file with --password-file, or set"
                    + " BERTH_DATA_DIR to Berth's data directory (no " + file + ")");
        }
        throw new Missing("no password for '" + user + "': set BERTH_PASSWORD or give a file holding it with"
                + " --password-file FILE (a password is never taken from the command line)");
    }

    /** Berth's data directory: {@code BERTH_DATA_DIR}, else {@code ./data}. */
    public static Path dataDir(Map<String, String> env) {
        String dir = env.get("BERTH_DATA_DIR");
        return Path.of(dir == null || dir.isEmpty() ? "data" : dir);
    }

    private static String firstLine(Path file, String what) {
        // a password or a token: the first line, as given
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            String line = (end < 0 ? text : text.substring(0, end)).replace("\r", "");
            if (line.isEmpty()) {
                throw new Missing(what + " " + file + " is empty: put the secret on its first line");
            }
            return line;
        } catch (IOException e) {
            throw new Missing("cannot read " + what + " " + file + ": " + e.getMessage());
        }
    }
}
