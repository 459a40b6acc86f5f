package dev.berth.cli;

import dev.berth.cli.client.Api;
import dev.berth.cli.client.ApiException;
import dev.berth.cli.client.Login;
import java.io.BufferedReader;
import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code berth}: the root command and what every subcommand shares (where Berth is, who logs in, how to print).
 * Exit codes: 0 done, 1 refused by Berth or Berth not reached (the API's message on standard error), 2 a usage error.
 */
@Command(name = "berth", sortOptions = false, usageHelpAutoWidth = true,
        description = "Manage a running Berth through its REST API.",
        subcommands = {Users.class, Profiles.class, Hosts.class, Units.class, LegacyFiles.Import.class,
                LegacyFiles.Export.class, LoadImage.class, Audit.class, Drift.class, Tokens.class,
                DeadLetters.class, Batches.class, AdminPassword.class,
                Sessions.Login.class, Sessions.Logout.class},
        footer = {"", "Environment:",
                "  BERTH_URL         the API (default http://localhost:$BERTH_HTTP_PORT/api, port 8080)",
                "  BERTH_USER        who logs in (default admin)",
                "  BERTH_PASSWORD    the password (or --password-file; never an option)",
                "  BERTH_TOKEN       an API token to log in with instead (or --token-file)",
                "  BERTH_DATA_DIR    admin's default password file: $BERTH_DATA_DIR/admin.password",
                "  BERTH_TRUSTSTORE  for HTTPS: the trust store (BERTH_TRUSTSTORE_PASSWORD)",
                "Exit codes: 0 done, 1 refused by Berth or Berth not reached, 2 usage error."})
public final class Berth implements Runnable {

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "the API's base URL (default: BERTH_URL, else http://localhost:8080/api)")
    String url;

    @Option(names = "--user", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "log in as NAME (default: BERTH_USER, else admin)")
    String user;

    @Option(names = "--password-file", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "the password is the first line of FILE (else BERTH_PASSWORD; for admin also"
                    + " $BERTH_DATA_DIR/admin.password)")
    Path passwordFile;

    @Option(names = "--token-file", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "log in with the API token on the first line of FILE (else BERTH_TOKEN), not a password")
    Path tokenFile;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "print the API's JSON instead of a table")
    boolean json;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "show this help")
    boolean help;

    @Spec
    CommandSpec spec;

    final Map<String, String> env;
    final PrintStream out;
    final PrintStream err;
    private final InputStream in;
    private final Console console;
    private BufferedReader stdin;

    Berth(Map<String, String> env, PrintStream out, PrintStream err, InputStream in, Console console) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.in = in;
        this.console = console;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(execute(new Berth(System.getenv(), out, err, System.in, System.console()), args));
    }

    /** Runs one command line; the exit code. */
    static int execute(Berth berth, String... args) {
        return commandLine(berth).execute(args);
    }

    static CommandLine commandLine(Berth berth) {
        CommandLine line = new CommandLine(berth);
        line.setOut(new PrintWriter(berth.out, true));
        line.setErr(new PrintWriter(berth.err, true));
        line.setParameterExceptionHandler((ParameterException e, String[] args) -> {
            berth.err.println("berth: " + usageMessage(e));
            berth.err.println("see: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help");
            return 2;
        });
        line.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof ApiException refused) {
                berth.err.println("berth: " + refused.getMessage());
                refused.problems().forEach(p -> berth.err.println("  " + p));
                return 1;
            }
            if (e instanceof Login.Missing || e instanceof Usage) {
                berth.err.println("berth: " + e.getMessage());
                return 2;
            }
            if (e instanceof UncheckedIOException || e instanceof IOException) {
                berth.err.println("berth: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
                return 1;
            }
            throw e;
        });
        return line;
    }

    /**
     * What was wrong with the arguments. Unmatched ones are named only when they look like options: the value after
     * an unknown {@code --password} is a secret someone typed, and is not echoed.
     */
    static String usageMessage(ParameterException e) {
        if (!(e instanceof UnmatchedArgumentException unmatched)) {
            return e.getMessage();
        }
        List<String> options = unmatched.getUnmatched().stream().filter(a -> a.startsWith("-"))
                .map(a -> "'" + a.replaceFirst("=.*", "") + "'").toList();
        String message = options.isEmpty() ? "unexpected argument(s); see the usage"
                : (options.size() == 1 ? "Unknown option: " : "Unknown options: ") + String.join(", ", options);
        if (options.stream().anyMatch(o -> o.toLowerCase(java.util.Locale.ROOT).contains("pass"))) {
            message += " (a password is never an argument: use BERTH_PASSWORD or --password-file FILE)";
        } else if (options.stream().anyMatch(o -> o.toLowerCase(java.util.Locale.ROOT).contains("token"))) {
            message += " (a token is never an argument: use BERTH_TOKEN or --token-file FILE)";
        }
        return message;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command: " + String.join(", ",
                spec.subcommands().keySet()));
    }

    /** A problem with what was given (exit code 2), found only while running, e.g. no password on stdin. */
    static final class Usage extends RuntimeException {
        Usage(String message) {
            super(message);
        }
    }

    /**
     * The login: an API token if one is given ({@code --token-file}, {@code BERTH_TOKEN}), else {@code --user} or
     * {@code BERTH_USER} or {@code admin}, with its password from a file or env.
     */
    Login login() {
        return Login.token(tokenFile, passwordFile, env).orElseGet(() -> {
            String name = user != null ? user : env.getOrDefault("BERTH_USER", Login.ADMIN);
            return Login.of(name.isEmpty() ? Login.ADMIN : name, passwordFile, env);
        });
    }

    Api api() {
        return api(login());
    }

    Api api(Login login) {
        return new Api(url != null ? url : Api.baseUrl(env), login, Api.client(env));
    }

    /** Whether a person sits at a terminal (prompts, a redrawn progress bar) or a script runs this. */
    boolean interactive() {
        return console != null;
    }

    /**
     * A new password: typed twice at a terminal, else the first line of standard input. Never an argument.
     *
     * @param what what it is for, e.g. {@code the new password of aaa}
     */
    String newPassword(String what) {
        if (console != null) {
            char[] first = console.readPassword("%s: ", what);
            char[] again = console.readPassword("again: ");
            if (first == null || again == null || !new String(first).equals(new String(again))) {
                throw new Usage("the two passwords differ; nothing was changed");
            }
            return new String(first);
        }
        String line = stdinLine();
        if (line == null || line.isEmpty()) {
            throw new Usage("no password on standard input: give " + what + " as its first line (e.g. < file),"
                    + " never as an argument");
        }
        return line;
    }

    /** The first unread line of standard input, or null at its end. */
    String stdinLine() {
        try {
            if (stdin == null) {
                stdin = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            String line = stdin.readLine();
            return line == null ? null : line.replace("\r", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
