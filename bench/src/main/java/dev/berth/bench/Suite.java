package dev.berth.bench;

import dev.berth.agent.isolation.control.HostTraces;
import dev.berth.testsupport.Api;
import dev.berth.testsupport.BerthProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code ./berth bench}: every selected section in one Berth boot, then {@code report.md} and its SVG plots. The
 * sections, in the order they run (a quiet Berth first, the 10,000 seeded units last): P6/P7 footprint
 * ({@link Footprint}, {@link AgentOnly}), P9 authenticated reads ({@link LoginThroughput}), P1/P2 start latency
 * ({@link StartLatencyBench}), P4 the control plane ({@link ControlPlane}), P3 a crowd ({@link Crowd}), P5 many units
 * ({@link ManyUnits}). A section that fails is reported as such and the run goes on.
 *
 * <p>System properties: {@code bench.sections} (default {@code P1,P2,P3,P4,P5,P6,P7,P9}; P1 the probe image, P2 the
 * esProc unit, P6 and P7 both the footprint), {@code berth.root}, {@code bench.log}, {@code bench.report} (the text
 * report), {@code bench.markdown} (the markdown report; the plots beside it), and each section's own (README.md).
 */
public final class Suite {

    static final List<String> ALL = List.of("P1", "P2", "P3", "P4", "P5", "P6", "P7", "P9");
    private static final Duration BOOT_DEADLINE = Duration.ofMinutes(4);

    private final Path root;
    private final Set<String> selected;
    private final Path log;
    private final Path textReport;
    private final Path markdown;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<Section> sections = new ArrayList<>();
    private final Map<String, String> texts = new LinkedHashMap<>();
    private Path workDir;
    private DirectDocker docker;
    private StartEvents events;
    private BerthProcess berth;
    private AgentOnly agent;
    private Crowd crowd;
    private ManyUnits many;
    private boolean cleanedUp;

    private Suite(Path root, Set<String> selected, Path log, Path textReport, Path markdown) {
        this.root = root;
        this.selected = selected;
        this.log = log;
        this.textReport = textReport;
        this.markdown = markdown;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("berth.root", "..")).toRealPath();
        Path log = Path.of(System.getProperty("bench.log", "target/berth-bench.log")).toAbsolutePath();
        Path text = Path.of(System.getProperty("bench.report", "target/bench-report.txt")).toAbsolutePath();
        Path markdown = Path.of(System.getProperty("bench.markdown", "target/report.md")).toAbsolutePath();
        // docker-java and its HTTP client log through SLF4J to java.util.logging; only problems are of interest
        Logger.getLogger("com.github.dockerjava").setLevel(Level.WARNING);
        Logger.getLogger("org.apache.hc").setLevel(Level.WARNING);
        new Suite(root, selected(), log, text, markdown).run();
    }

    /**
     * {@code bench.sections}, upper-cased; the older switches still drop theirs: {@code bench.logins=false} (P9),
     * {@code bench.footprint=false} (P6/P7), {@code bench.images=none} (P1/P2).
     */
    static Set<String> selected() {
        Set<String> sections = new LinkedHashSet<>();
        for (String s : System.getProperty("bench.sections", String.join(",", ALL)).split(",")) {
            String id = s.trim().toUpperCase(Locale.ROOT);
            if (id.isEmpty()) {
                continue;
            }
            if (!ALL.contains(id)) {
                throw new IllegalArgumentException("bench.sections: unknown section " + id + "; known: " + ALL);
            }
            sections.add(id);
        }
        if (!Boolean.parseBoolean(System.getProperty("bench.logins", "true"))) {
            sections.remove("P9");
        }
        if (!Boolean.parseBoolean(System.getProperty("bench.footprint", "true"))) {
            sections.removeAll(List.of("P6", "P7"));
        }
        if ("none".equals(System.getProperty("bench.images"))) {
            sections.removeAll(List.of("P1", "P2"));
        }
        return sections;
    }

    private boolean wants(String... ids) {
        return Arrays.stream(ids).anyMatch(selected::contains);
    }

    private void run() throws Exception {
        Thread onInterrupt = new Thread(this::cleanUp, "berth-bench-cleanup");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            if (wants("P1", "P2") && System.getProperty("bench.images") == null) {
                // P1 alone: the probe; P2 alone: the esProc unit
                System.setProperty("bench.images", Stream.of(wants("P1") ? "probe" : null, wants("P2") ? "esproc"
                        : null).filter(java.util.Objects::nonNull).collect(Collectors.joining(",")));
            }
            workDir = Files.createTempDirectory("berth-bench-");
            docker = new DirectDocker(workDir.resolve("baseline"));
            docker.requireImage(UnitImage.PROBE);
            if (wants("P1", "P2")) {
                StartLatencyBench.images().forEach(docker::requireImage);
            }
            events = new StartEvents(docker.client());
            Machine machine = Machine.describe(docker.client());
            Instant began = Instant.now();

            say("sections " + selected + "; booting Berth with " + root.resolve("berth") + " run (output: " + log
                    + ")");
            long bootStart = System.nanoTime();
            Path dataDir = workDir.resolve("data");
            berth = BerthProcess.launch(root, "bench-" + UUID.randomUUID().toString().substring(0, 8), dataDir,
                    log, Map.of("BERTH_DB_URL", ManyUnits.databaseUrl(dataDir)));
            berth.awaitReady(BOOT_DEADLINE);
            double bootSeconds = Samples.millis(System.nanoTime() - bootStart) / 1000;
            say(String.format(Locale.ROOT, "Berth is up, host %s ONLINE after %.1f s", berth.host(), bootSeconds));
            OptionalLong rssAfterBoot = berth.memoryKib("VmRSS");
            Api admin = berth.admin();

            if (wants("P6", "P7")) {
                section("P6/P7", "boot time and memory", () -> footprint(admin, bootSeconds, rssAfterBoot));
            }
            if (wants("P9")) {
                section("P9", "authenticated API reads per second", () -> {
                    // after the footprint's 20 units, before any other start, delete or seeding: a quiet Berth
                    LoginThroughput logins = new LoginThroughput(berth.url(), admin, run);
                    logins.run();
                    logins.passwordCost(admin, run, 5);
                    Section s = logins.section();
                    s.plot = plot("p9.svg", Svg.bars("P9: reads per second, 8 clients", "req/s", logins.bars()));
                    return s;
                });
            }
            if (wants("P1", "P2")) {
                section("P1/P2", "start latency, one unit at a time", () -> {
                    StartLatencyBench latency = new StartLatencyBench(berth, docker, events, run);
                    latency.run(admin);
                    Section s = latency.section();
                    s.plot = plot("p1p2.svg", Svg.bars("P1/P2: POST /start -> the unit answers", "ms",
                            latency.bars()));
                    return s;
                });
            }
            if (wants("P4")) {
                section("P4", "control plane: agent pings per second",
                        () -> new ControlPlane(admin, berth.host()).run());
            }
            if (wants("P3")) {
                section("P3", "a crowd: " + Crowd.UNITS + " units started at once", () -> {
                    crowd = new Crowd(berth, docker, run);
                    Section s = crowd.run(admin);
                    s.plot = plot("p3.svg", Svg.bars("P3: " + Crowd.UNITS + " starts, until all run", "s", crowd.bars()));
                    return s;
                });
            }
            if (wants("P5")) {
                section("P5", "many units", () -> {
                    many = new ManyUnits(berth, run);
                    Section s = many.run(admin);
                    s.plot = plot("p5.svg", Svg.bars("P5: GET /api/units over 10,000 units", "ms", many.bars()));
                    return s;
                });
            }
            OptionalLong peak = berth.memoryKib("VmHWM");
            write(machine, began, bootSeconds, rssAfterBoot, peak);
        } finally {
            cleanUp();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs, or has run, anyway
            }
        }
    }

    /** Something that measures a section and answers it. */
    private interface Measure {
        Section run() throws Exception;
    }

    /** Runs one section; a failure becomes the section's answer ("failed: why"), and the run goes on. */
    private void section(String id, String title, Measure measure) {
        long begin = System.nanoTime();
        say(id + ": " + title);
        Section section;
        try {
            section = measure.run();
        } catch (Exception | AssertionError e) {
            say(id + " failed: " + e);
            section = new Section(id, title).notMeasured("the section failed: " + reason(e.toString()));
        }
        section.note(String.format(Locale.ROOT, "the section took %.0f s", (System.nanoTime() - begin) / 1e9));
        sections.add(section);
        if (section.text != null) {
            texts.put(id, section.text);
        }
    }

    /**
     * P6/P7: the embedded Berth with {@link Footprint#UNITS} units started and stopped, then an agent-only process for
     * one more host, booted, and the same units on its host; the agent stops again afterwards.
     */
    private Section footprint(Api admin, double bootSeconds, OptionalLong rssAfterBoot) throws Exception {
        Section section = new Section("P6/P7", "boot time and memory").measured("""
                P6: the embedded Berth (manager, broker, agent, H2 in one JVM), from launch until its host is ONLINE,
                and its resident memory after boot and after %d probe units were started and stopped. P7: an
                agent-only process for one more host, from launch until the manager lists it ONLINE, and the same.
                Goals (docs/operations.md): ready within 20 s; at most 600 MiB (embedded) and 350 MiB (agent only)
                resident.""".formatted(Footprint.UNITS));
        Footprint embedded = new Footprint("embedded (manager, broker, agent)", bootSeconds, rssAfterBoot);
        say("footprint: " + Footprint.UNITS + " units started and stopped on the embedded Berth's host");
        embedded.cycleUnits(admin, berth.host(), berth::memoryKib);
        embedded.addTo(section, 600);

        Path agentLog = Path.of(log.toString().replaceFirst("\\.log$", "") + "-agent.log");
        say("footprint: booting an agent-only process (output: " + agentLog + ")");
        long agentStart = System.nanoTime();
        agent = new AgentOnly(root, berth, workDir.resolve("agent-data"), agentLog);
        agent.awaitOnline(admin);
        double agentSeconds = Samples.millis(System.nanoTime() - agentStart) / 1000;
        say(String.format(Locale.ROOT, "agent-only process up, host %s ONLINE after %.1f s", agent.host(),
                agentSeconds));
        Footprint agentOnly = new Footprint("agent only", agentSeconds, agent.memoryKib("VmRSS"));
        agentOnly.cycleUnits(admin, agent.host(), agent::memoryKib);
        agent.close();
        agentOnly.addTo(section, 350);
        section.text = Footprint.header() + embedded.line() + "\n" + agentOnly.line() + "\n";
        section.plot = plot("p6p7.svg", Svg.bars("P6/P7: resident memory after " + Footprint.UNITS + " units",
                "MiB", List.of(new Svg.Bar(embedded.process(), embedded.rssAfterUnitsMib(), Double.NaN),
                        new Svg.Bar(agentOnly.process(), agentOnly.rssAfterUnitsMib(), Double.NaN))));
        return section;
    }

    /** Writes a plot beside the markdown report; its file name, as the report links it. */
    private String plot(String name, String svg) throws IOException {
        Files.createDirectories(markdown.getParent());
        Files.writeString(markdown.resolveSibling(name), svg);
        return name;
    }

    private void write(Machine machine, Instant began, double bootSeconds, OptionalLong rssAfterBoot,
                       OptionalLong peak) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Berth benchmark report\n\n");
        md.append("Run ").append(run).append(", started ").append(began.truncatedTo(ChronoUnit.SECONDS))
                .append(", took ").append(Duration.between(began, Instant.now()).toSeconds()).append(" s; sections ")
                .append(selected).append(". Every ratio is against a baseline measured in this run; p95 is the")
                .append(" nearest rank.\n\n");
        md.append("## The machine\n\n").append(machine.markdown()).append('\n');
        md.append(String.format(Locale.ROOT, "Berth (one JVM: manager, broker, agent, H2): ready %.1f s after launch;"
                + " resident %s after boot, peak %s over the run.%n%n", bootSeconds, mib(rssAfterBoot), mib(peak)));
        md.append("## Goals\n\n| section | figure | goal | met |\n|---|---|---|---|\n");
        for (Section s : sections) {
            if (s.notMeasured != null && s.verdicts.isEmpty()) {
                md.append("| ").append(s.id).append(" | not measured: ").append(s.notMeasured.replace("|", "/"))
                        .append(" | | |\n");
            }
            for (Section.Verdict v : s.verdicts) {
                md.append("| ").append(s.id).append(" | ").append(v.figure()).append(" | ").append(v.goal())
                        .append(" | ").append(Section.met(v.met())).append(" |\n");
            }
        }
        md.append('\n');
        sections.forEach(s -> md.append(s.markdown()));
        Files.createDirectories(markdown.getParent());
        Files.writeString(markdown, md.toString());
        StringBuilder text = new StringBuilder("Berth benchmark, run " + run + ", " + began + "\n");
        texts.forEach((id, block) -> text.append("=".repeat(86)).append('\n').append(id).append('\n')
                .append(block));
        Files.writeString(textReport, text.toString());
        System.out.println();
        System.out.print(md);
        say("report written to " + markdown + " (text blocks: " + textReport + ")");
    }

    /**
     * An error's text fit for a table cell: of a server's HTML error page its root causes, else the text; at most
     * 300 characters, on one line.
     */
    static String reason(String text) {
        java.util.regex.Matcher cause = java.util.regex.Pattern.compile("root cause</b> <pre>(.*?)</pre>",
                java.util.regex.Pattern.DOTALL).matcher(text);
        String found = cause.find() ? cause.group(1) : text;
        while (cause.find()) {
            found = cause.group(1);
        }
        String line = found.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").replace("|", "/").trim();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    private static String mib(OptionalLong kib) {
        return kib.isPresent() ? String.format(Locale.ROOT, "%.0f MiB", kib.getAsLong() / 1024.0) : "unknown";
    }

    /** Leaves the swarm, stops Berth and removes every container this run may have left, then its files. */
    private synchronized void cleanUp() {
        if (cleanedUp) {
            return;
        }
        cleanedUp = true;
        if (crowd != null) {
            crowd.cleanUp();
        }
        if (agent != null) {
            agent.close();
        }
        if (berth != null) {
            say("stopping Berth");
            berth.close();
            // the server log, beside the launcher's output (the data dir goes with the work dir)
            keepServerLog(berth.dataDir().resolve("logs"), Path.of(log.toString().replaceFirst("\\.log$", "")
                    + "-server.log"));
        }
        if (events != null) {
            try {
                events.close();
            } catch (IOException e) {
                say("could not close the Docker event stream: " + e);
            }
        }
        if (docker != null) {
            try {
                int removed = docker.removeLabelled(Map.of(DirectDocker.BENCH_LABEL + ".run", run));
                if (berth != null) {
                    removed += docker.removeLabelled(Map.of("berth.host", berth.host()));
                }
                if (agent != null) {
                    removed += docker.removeLabelled(Map.of("berth.host", agent.host()));
                    HostTraces.remove(docker.client(), agent.host(), agent.dataDir());
                }
                if (removed > 0) {
                    say("removed " + removed + " leftover container(s)");
                }
                if (berth != null) {
                    HostTraces.remove(docker.client(), berth.host(), berth.dataDir());
                }
            } catch (RuntimeException e) {
                say("could not remove leftover containers: " + e);
            }
            try {
                docker.close();
            } catch (IOException e) {
                say("could not close the Docker client: " + e);
            }
        }
        if (workDir != null) {
            deleteTree(workDir);
        }
    }

    /** The server log's files ({@code manager.log}, {@code manager.log.N}), the oldest first, as one file. */
    private static void keepServerLog(Path logs, Path to) {
        try (Stream<Path> files = Files.list(logs)) {
            List<Path> parts = files.filter(p -> p.getFileName().toString().matches("manager\\.log(\\.\\d+)?"))
                    .sorted(Comparator.comparing(p -> p.toFile().lastModified())).toList();
            Files.deleteIfExists(to);
            for (Path part : parts) {
                Files.write(to, Files.readAllBytes(part), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException | UncheckedIOException e) {
            say("could not keep the server log of " + logs + ": " + e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a temporary directory
                }
            });
        } catch (IOException | UncheckedIOException e) {
            say("could not delete " + dir + ": " + e);
        }
    }

    static void say(String message) {
        System.out.println("[bench] " + message);
        System.out.flush();
    }
}
