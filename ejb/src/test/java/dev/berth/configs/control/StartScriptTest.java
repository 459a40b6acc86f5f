package dev.berth.configs.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.configs.control.UnitServerXml.Host;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The unit image's start script ({@code images/esproc-unit/files/start-unit.sh}) writes esProc's two files itself when
 * a container gets none, and switches the unit's own {@code Host} of a given unitServer.xml to {@code 0.0.0.0}. Its
 * templates and its task-count rule must stay those of {@link EsprocFiles}, {@link UnitServerXml} and
 * {@link TaskCounts}: this runs the script (all of it but the final {@code exec} of the node) with {@code sh}, and with
 * {@code busybox sh} as in the image, for a table of CPU shares, and compares what it wrote with what Berth writes.
 */
class StartScriptTest {

    private static final Path SCRIPT = Path.of("../images/esproc-unit/files/start-unit.sh");
    private static final int PORT = 8281;

    @TempDir
    Path dir;

    static Stream<Arguments> sharesInEachShell() {
        List<Arguments> cases = new ArrayList<>();
        for (List<String> shell : shells()) {
            for (int shares : new int[] {2, 255, 256, 511, 512, 767, 768, 1024, 1025, 4096, 8191, 8192, 8448, 262144}) {
                cases.add(Arguments.of(shell, shares));
            }
        }
        return cases.stream();
    }

    static Stream<List<String>> shellsToRun() {
        return shells().stream();
    }

    @ParameterizedTest(name = "{0}, {1} shares")
    @MethodSource("sharesInEachShell")
    void writesBerthsFilesWithBerthsTaskCounts(List<String> shell, int shares) throws Exception {
        Run run = run(shell, Map.of("UNIT_CPU_SHARES", Integer.toString(shares)));

        assertThat(run.exitCode()).as(run.output()).isZero();
        TaskCounts counts = TaskCounts.forCpuShares(shares);
        assertThat(run.output()).contains("maxTaskNum=" + counts.max() + " preferredTaskNum=" + counts.preferred());
        assertThat(run.config("unitServer.xml"))
                .isEqualTo(UnitServerXml.write(List.of(Host.forCpuShares("0.0.0.0", PORT, shares))));
        assertThat(run.config("raqsoftConfig.xml")).isEqualTo(withoutBerthsComment(EsprocFiles.raqsoftConfig(shares)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shellsToRun")
    void takesTheCpuShareOf1024WhenNoneIsGiven(List<String> shell) throws Exception {
        Run run = run(shell, Map.of());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.config("unitServer.xml"))
                .isEqualTo(UnitServerXml.write(List.of(Host.forCpuShares("0.0.0.0", PORT, 1024))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shellsToRun")
    void servesItsOwnHostOfBerthsUnitServerOnAllInterfaces(List<String> shell) throws Exception {
        String berths = EsprocFiles.unitServer(List.of(new Endpoint("10.0.0.5", 8280), new Endpoint("10.0.0.5", PORT),
                new Endpoint("10.0.0.6", 8282)), 4096);
        Files.createDirectories(dir.resolve("app-config"));
        Files.writeString(dir.resolve("app-config/unitServer.xml"), berths);

        Run run = run(shell, Map.of("UNIT_CPU_SHARES", "4096"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.config("unitServer.xml")).isEqualTo(EsprocFiles.unitServer(List.of(
                new Endpoint("10.0.0.5", 8280), new Endpoint("0.0.0.0", PORT), new Endpoint("10.0.0.6", 8282)), 4096));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shellsToRun")
    void refusesAUnitServerWithoutItsPort(List<String> shell) throws Exception {
        Files.createDirectories(dir.resolve("app-config"));
        Files.writeString(dir.resolve("app-config/unitServer.xml"),
                EsprocFiles.unitServer(List.of(new Endpoint("10.0.0.5", 8280)), 512));

        Run run = run(shell, Map.of("UNIT_CPU_SHARES", "512"));

        assertThat(run.exitCode()).as(run.output()).isEqualTo(78);
        assertThat(run.output()).contains("lists no <Host ... port=\"" + PORT + "\">");
    }

    private record Run(int exitCode, String output, Path configDir) {

        String config(String name) throws IOException {
            return Files.readString(configDir.resolve(name));
        }
    }

    /**
     * Runs the script up to its {@code exec} of the node, with the container's paths ({@code /app/config},
     * {@code /share}) moved into the test's directory.
     */
    private Run run(List<String> shell, Map<String, String> env) throws Exception {
        String script = Files.readString(SCRIPT);
        int exec = script.indexOf("\nexec ");
        assertThat(exec).as("the start script ends with exec of the node").isPositive();
        Path copy = dir.resolve("start-unit.sh");
        Files.writeString(copy, script.substring(0, exec + 1)
                .replace("/app/config", dir.resolve("app-config").toString())
                .replace("/share", dir.resolve("share").toString()));
        Path home = dir.resolve("esproc");
        List<String> command = new ArrayList<>(shell);
        command.add(copy.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = new HashMap<>(env);
        environment.put("UNIT_PORT", Integer.toString(PORT));
        environment.put("ESPROC_HOME", home.toString());
        builder.environment().keySet().removeIf(name -> name.startsWith("UNIT_") || name.startsWith("ESPROC_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the script ends").isTrue();
        return new Run(process.exitValue(), output, home.resolve("config"));
    }

    /** Berth's raqsoftConfig.xml says in a comment that Berth made it; the image's own says nothing. */
    private static String withoutBerthsComment(String xml) {
        return xml.replaceFirst("<!-- generated by Berth[^\n]*-->\n", "");
    }

    /** {@code sh}, and {@code busybox sh} (the image's shell) where busybox is installed. */
    private static List<List<String>> shells() {
        List<List<String>> shells = new ArrayList<>();
        shells.add(List.of("sh"));
        boolean busybox = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "busybox")));
        if (busybox) {
            shells.add(List.of("busybox", "sh"));
        }
        return shells;
    }
}
