package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** What the command line makes of its arguments, before (or without) any call to Berth. */
class CommandLineTest {

    /** Nothing listens on port 1: a call that gets that far fails with exit code 1. */
    private static final Map<String, String> NOWHERE = Map.of("BERTH_URL", "http://127.0.0.1:1/api",
            "BERTH_PASSWORD", "not-used-secret");

    private record Run(int exit, String out, String err) {
    }

    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Berth.execute(new Berth(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), null), args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void hasNoPasswordOptionAnywhere() {
        Run run = run(NOWHERE, "units", "list", "--password", "secret");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--password'").contains("BERTH_PASSWORD")
                .contains("berth units list --help").doesNotContain("secret");
        assertThat(run(NOWHERE, "units", "list", "--password=secret").err()).contains("Unknown option: '--password'")
                .doesNotContain("secret");
        CommandLine line = Berth.commandLine(new Berth(NOWHERE, System.out, System.err, System.in, null));
        assertThat(allCommands(line.getCommandSpec()).flatMap(c -> c.options().stream())
                .flatMap(o -> java.util.Arrays.stream(o.names())))
                .noneMatch(name -> name.matches("(?i).*pass(word)?") || name.equals("-p"));
    }

    @Test
    void showsAnImageLoadsImagesOrItsErrorWhicheverTheHostHas() {
        jakarta.json.JsonArray loads = jakarta.json.Json.createReader(new java.io.StringReader("""
                [{"host":"h1","state":"SUCCEEDED","images":["berth/probe:1"]},
                 {"host":"h2","state":"FAILED","images":[],"error":"host h2 is OFFLINE"}]""")).readArray();

        assertThat(dev.berth.cli.output.Table.of(loads, LoadImage.COLUMNS).lines()).containsExactly(
                "HOST  STATE      IMAGES/ERROR",
                "h1    SUCCEEDED  berth/probe:1",
                "h2    FAILED     host h2 is OFFLINE");
    }

    @Test
    void takesNoTokenAsAnArgument() {
        Run run = run(NOWHERE, "hosts", "list", "--token", "berth_secret");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--token'").contains("BERTH_TOKEN")
                .doesNotContain("berth_secret");
    }

    @Test
    void aTokenInTheEnvironmentLogsInInsteadOfAPassword() {
        Berth berth = new Berth(Map.of("BERTH_TOKEN", "berth_t", "BERTH_PASSWORD", "p"), System.out, System.err,
                System.in, null);
        Berth.commandLine(berth).parseArgs("hosts", "list", "--user", "bob");

        assertThat(berth.login().authorization()).isEqualTo("Bearer berth_t");
        assertThat(berth.login().toString()).isEqualTo("Login[token]");
    }

    @Test
    void aMissingRequiredOptionIsAUsageError() {
        Run run = run(NOWHERE, "units", "create", "--owner", "aaa", "--host", "h1");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required option: '--port=<port>'");
    }

    @Test
    void aDriftRepairNamesItsFindingsOrAllNotBoth() {
        assertThat(run(NOWHERE, "drift", "repair", "--dry-run").err()).contains("name the findings to repair");
        assertThat(run(NOWHERE, "drift", "repair", "--all", "4f1c2a9b0e7d").exit()).isEqualTo(2);
    }

    @Test
    void showsADriftFindingsRepairOrWhyThereIsNone() {
        jakarta.json.JsonArray findings = jakarta.json.Json.createReader(new java.io.StringReader("""
                [{"id":"a1","host":"h1","kind":"ORPHAN_CONTAINER","unit":42,"port":8290,"detail":"d1",
                  "repair":"remove container berth-aaa-8290","noRepair":null},
                 {"id":"b2","host":"h1","kind":"PORT_HELD","unit":3,"port":8283,"detail":"d2","repair":null,
                  "noRepair":"only an operator can free it"}]""")).readArray();

        assertThat(dev.berth.cli.output.Table.of(findings, Drift.COLUMNS).lines()).containsExactly(
                "ID  HOST  KIND              UNIT  PORT  REPAIR                              DETAIL",
                "a1  h1    ORPHAN_CONTAINER  42    8290  remove container berth-aaa-8290     d1",
                "b2  h1    PORT_HELD         3     8283  none: only an operator can free it  d2");
    }

    @Test
    void aNonNumericUnitIdIsAUsageError() {
        Run run = run(NOWHERE, "units", "start", "twelve");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("'twelve' is not a long");
    }

    @Test
    void aGroupWithoutItsCommandSaysWhichThereAre() {
        Run run = run(NOWHERE, "hosts");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("name a command: list, show, create, update, enroll, cleanup, delete");
    }

    @Test
    void allowedClientsNeedNetworksOrTheDefault() {
        assertThat(run(NOWHERE, "users", "allowed-clients", "aaa").exit()).isEqualTo(2);
        assertThat(run(NOWHERE, "users", "allowed-clients", "aaa", "10.0.0.0/8", "--default").exit()).isEqualTo(2);
    }

    @Test
    void anUnknownImportKindIsAUsageError() {
        Run run = run(NOWHERE, "import", "people", "file.xml");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("users, servers, unitserver");
    }

    @Test
    void withoutAPasswordItSaysWhereToPutOneAndCallsNothing() {
        Run run = run(Map.of("BERTH_URL", "http://127.0.0.1:1/api"), "--user", "aaa", "units", "list");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no password for 'aaa'").contains("BERTH_PASSWORD").contains("--password-file")
                .doesNotContain("does not answer");
    }

    @Test
    void aNewUsersPasswordMustComeOnStandardInput() {
        Run run = run(NOWHERE, "users", "create", "aaa", "--memory", "500m", "--cpu-shares", "512");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no password on standard input");
    }

    @Test
    void aBerthThatDoesNotAnswerIsExitCodeOneWithWhereItLooked() {
        Run run = run(NOWHERE, "hosts", "list");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("Berth does not answer at http://127.0.0.1:1/api");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void sharedOptionsMayFollowTheSubcommand() {
        Berth berth = new Berth(NOWHERE, System.out, System.err, System.in, null);
        Berth.commandLine(berth).parseArgs("units", "list", "--user", "bob", "--json", "--url", "http://b:1/api");

        assertThat(berth.user).isEqualTo("bob");
        assertThat(berth.json).isTrue();
        assertThat(berth.url).isEqualTo("http://b:1/api");
        assertThat(berth.login().user()).isEqualTo("bob");
    }

    @Test
    void keepsASessionAliveAThirdOfItsExpiryApartAndNeverMoreOftenThanEverySecond() {
        assertThat(Sessions.interval(Json.createObjectBuilder().add("lastSeen", "2026-03-01T10:00:00Z")
                .add("expiresAt", "2026-03-01T10:05:00Z").build())).isEqualTo(java.time.Duration.ofSeconds(100));
        assertThat(Sessions.interval(Json.createObjectBuilder().add("lastSeen", "2026-03-01T10:00:00Z")
                .add("expiresAt", "2026-03-01T10:00:02Z").build())).isEqualTo(java.time.Duration.ofSeconds(1));
    }

    @Test
    void everyCommandSaysWhatItDoes() {
        CommandLine line = Berth.commandLine(new Berth(NOWHERE, System.out, System.err, System.in, null));

        assertThat(allCommands(line.getCommandSpec()))
                .allSatisfy(c -> assertThat(c.usageMessage().description()).as(c.qualifiedName()).isNotEmpty());
        assertThat(line.getSubcommands().keySet()).containsExactly("users", "profiles", "hosts", "units", "import",
                "export", "load-image", "audit", "drift", "tokens", "token", "dead-letters", "batch", "admin-password", "login",
                "logout");
    }

    private static java.util.stream.Stream<CommandSpec> allCommands(CommandSpec spec) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(spec),
                spec.subcommands().values().stream().flatMap(c -> allCommands(c.getCommandSpec())));
    }
}
