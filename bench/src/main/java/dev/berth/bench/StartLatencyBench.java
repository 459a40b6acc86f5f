package dev.berth.bench;

import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import dev.berth.agent.isolation.control.HostTraces;
import dev.berth.testsupport.Api;
import dev.berth.testsupport.BerthProcess;
import dev.berth.testsupport.FreePorts;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * How long a unit takes to answer after {@code POST /api/units/{id}/start}, against the same image created and
 * started directly with docker-java, in the same run, for each image in {@code bench.images}: the tiny HTTP probe and
 * the esProc SPL node. Both paths are timed to the same event, the unit answering its image's {@link Check} (an HTTP
 * status line, or the esProc node's task count in its protocol), asked from Docker's start event for the container
 * on ({@link StartEvents}); everything before and after (defining and deleting the unit, removing the container) is
 * untimed. The two paths alternate, and which goes first flips every iteration, so that both share the machine's
 * noise. One Berth boot serves all images, one after the other. Before them, on the freshly booted Berth, the
 * authenticated reads per second of each way of logging in ({@link LoginThroughput}) and the footprint
 * ({@link Footprint}).
 *
 * <p>System properties: {@code berth.root} (the checkout, with {@code ./berth}), {@code bench.images}
 * ({@code probe,esproc}), {@code bench.iterations} (for every image; else each image's default: probe 25, esproc 15),
 * {@code bench.iterations.<image>} (for one image), {@code bench.logins} ({@code true}: measure the logins),
 * {@code bench.footprint} ({@code true}), {@code bench.log} (Berth's output), {@code bench.report} (where
 * the report is written as well).
 */
public final class StartLatencyBench {

    static final int WARM_UP = 3;
    private static final Duration BOOT_DEADLINE = Duration.ofMinutes(4);
    private static final Duration READY_DEADLINE = Duration.ofSeconds(60);
    private static final Duration COMMAND_DEADLINE = Duration.ofSeconds(90);
    private static final Duration COMMAND_POLL = Duration.ofMillis(20);

    private final Path root;
    private final List<Phase> phases;
    private final Path log;
    private final Path reportFile;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private Path workDir;
    private DirectDocker docker;
    private StartEvents events;
    private BerthProcess berth;
    private AgentOnly agent;
    private final List<Footprint> footprints = new ArrayList<>();
    private LoginThroughput logins;
    private boolean cleanedUp;

    private StartLatencyBench(Path root, List<Phase> phases, Path log, Path reportFile) {
        this.root = root;
        this.phases = phases;
        this.log = log;
        this.reportFile = reportFile;
    }

    /** One image measured: its Berth user, its iteration count and its samples on both paths. */
    private static final class Phase {

        final UnitImage image;
        final int iterations;
        String user;
        final Samples viaBerth;
        final Samples berthAccepted = new Samples("  of which until POST /start answered 202");
        final Samples berthStarted = new Samples("  of which until Docker's start event");
        final Samples direct;
        final Samples directStarted = new Samples("  of which until Docker's start event");
        OptionalLong rssAfter = OptionalLong.empty();
        double seconds;

        Phase(UnitImage image, int iterations) {
            this.image = image;
            this.iterations = iterations;
            this.viaBerth = new Samples("Berth: POST /start -> " + image.check().event());
            this.direct = new Samples("docker-java: create + start -> " + image.check().event());
        }
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("berth.root", "..")).toRealPath();
        List<Phase> phases = new ArrayList<>();
        for (UnitImage image : UnitImage.parse(System.getProperty("bench.images", "probe,esproc"))) {
            phases.add(new Phase(image, iterations(image)));
        }
        Path log = Path.of(System.getProperty("bench.log", "target/berth-bench.log")).toAbsolutePath();
        Path report = Path.of(System.getProperty("bench.report", "target/bench-report.txt")).toAbsolutePath();
        // docker-java and its HTTP client log through SLF4J to java.util.logging; only problems are of interest
        Logger.getLogger("com.github.dockerjava").setLevel(Level.WARNING);
        Logger.getLogger("org.apache.hc").setLevel(Level.WARNING);
        new StartLatencyBench(root, phases, log, report).run();
    }

    /** {@code bench.iterations.<image>}, else {@code bench.iterations}, else the image's default. */
    private static int iterations(UnitImage image) {
        String property = "bench.iterations." + image.key();
        String value = System.getProperty(property, System.getProperty("bench.iterations"));
        if (value == null || value.isBlank()) {
            return image.defaultIterations();
        }
        int iterations = Integer.parseInt(value.trim());
        if (iterations < 1) {
            throw new IllegalArgumentException(property + " (or bench.iterations) must be at least 1, not "
                    + iterations);
        }
        return iterations;
    }

    private void run() throws Exception {
        Thread onInterrupt = new Thread(this::cleanUp, "berth-bench-cleanup");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            workDir = Files.createTempDirectory("berth-bench-");
            docker = new DirectDocker(workDir.resolve("baseline"));
            for (Phase phase : phases) {
                docker.requireImage(phase.image);
            }
            events = new StartEvents(docker.client());
            Version version = docker.client().versionCmd().exec();
            Info info = docker.client().infoCmd().exec();

            say("booting Berth with " + root.resolve("berth") + " run (output: " + log + ")");
            long bootStart = System.nanoTime();
            berth = BerthProcess.launch(root, "bench-" + UUID.randomUUID().toString().substring(0, 8),
                    workDir.resolve("data"), log, Map.of());
            berth.awaitReady(BOOT_DEADLINE);
            double bootSeconds = Samples.millis(System.nanoTime() - bootStart) / 1000;
            say(String.format(Locale.ROOT, "Berth is up, host %s ONLINE after %.1f s", berth.host(), bootSeconds));
            OptionalLong rssAfterBoot = berth.memoryKib("VmRSS");

            Api admin = berth.admin();
            if (Boolean.parseBoolean(System.getProperty("bench.logins", "true"))) {
                // first, while no unit has run yet: a quiet Berth
                logins = new LoginThroughput(berth.url(), admin, run);
                logins.run();
                logins.passwordCost(admin, run, 5);
            }
            if (Boolean.parseBoolean(System.getProperty("bench.footprint", "true"))) {
                footprint(admin, bootSeconds, rssAfterBoot);
            }
            for (Phase phase : phases) {
                measure(admin, phase);
                phase.rssAfter = berth.memoryKib("VmRSS");
            }
            OptionalLong peak = berth.memoryKib("VmHWM");

            String report = report(version, info, bootSeconds, rssAfterBoot, peak);
            System.out.println();
            System.out.print(report);
            System.out.flush();
            Files.createDirectories(reportFile.getParent());
            Files.writeString(reportFile, report);
            say("report written to " + reportFile);
        } finally {
            cleanUp();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs, or has run, anyway
            }
        }
    }

    /**
     * The footprint of both kinds of process, before the latency phases: the embedded Berth with {@link
     * Footprint#UNITS} units started and stopped, then an agent-only process for one more host, booted, and the same
     * units on its host; the agent stops again afterwards.
     */
    private void footprint(Api admin, double bootSeconds, OptionalLong rssAfterBoot) throws Exception {
        Footprint embedded = new Footprint("embedded (manager, broker, agent)", bootSeconds, rssAfterBoot);
        say("footprint: " + Footprint.UNITS + " units started and stopped on the embedded Berth's host");
        embedded.cycleUnits(admin, berth.host(), berth::memoryKib);
        footprints.add(embedded);

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
        footprints.add(agentOnly);
        agent.close();
    }

    /** One image: its own user (with the image's memory), warm-up, then the counted iterations. */
    private void measure(Api admin, Phase phase) throws TimeoutException, IOException {
        long begin = System.nanoTime();
        UnitImage image = phase.image;
        phase.user = "bench" + run + "-" + image.key();
        admin.post("/users", """
                {"name":"%s","alias":"Benchmark %s %s","password":"%s","memory":"%s","cpuShares":%d}"""
                .formatted(phase.user, run, image.key(), "pw-" + UUID.randomUUID(), image.memory(),
                        UnitImage.CPU_SHARES))
                .expect(201, "creating user " + phase.user);

        say(image.reference() + ": warming up, " + WARM_UP + " iterations of each path, not counted");
        for (int i = 0; i < WARM_UP; i++) {
            iteration(i, admin, phase, false);
        }
        say(image.reference() + ": measuring, " + phase.iterations + " iterations of each path, alternating");
        for (int i = 0; i < phase.iterations; i++) {
            iteration(i, admin, phase, true);
            if ((i + 1) % 5 == 0 || i + 1 == phase.iterations) {
                say(String.format(Locale.ROOT, "  %d/%d  medians so far: Berth %.1f ms, docker-java %.1f ms",
                        i + 1, phase.iterations, phase.viaBerth.median(), phase.direct.median()));
            }
        }
        phase.seconds = Samples.millis(System.nanoTime() - begin) / 1000;
        say(String.format(Locale.ROOT, "%s: done in %.0f s", image.reference(), phase.seconds));
    }

    /** One iteration of each path, counted or warm-up. Even iterations start with Berth, odd ones with docker-java. */
    private void iteration(int i, Api admin, Phase phase, boolean counted) throws TimeoutException, IOException {
        if (i % 2 == 0) {
            berthOnce(admin, phase, counted);
            directOnce(admin, phase, counted);
        } else {
            directOnce(admin, phase, counted);
            berthOnce(admin, phase, counted);
        }
    }

    /**
     * The baseline once. For an image that takes config files, the files are Berth's own for this port, read
     * (untimed) from {@code GET /api/users/{name}/config/{file}} while a unit of the user is defined on it: the same
     * files the agent would write, the {@code <Host>} of {@code unitServer.xml} naming this port.
     */
    private void directOnce(Api admin, Phase phase, boolean counted) throws TimeoutException, IOException {
        int port = FreePorts.next();
        Map<String, String> files = phase.image.configFiles() ? berthConfigFiles(admin, phase, port) : Map.of();
        DirectDocker.Timing timing = docker.startOnce(phase.image, port, files, run, events, READY_DEADLINE);
        if (counted) {
            phase.direct.add(timing.answered());
            phase.directStarted.add(timing.started());
        }
    }

    /** The config files Berth would send with a start of a unit of the phase's user on {@code port}. */
    private Map<String, String> berthConfigFiles(Api admin, Phase phase, int port) throws TimeoutException {
        long unit = define(admin, phase, port);
        Map<String, String> files = new LinkedHashMap<>();
        try {
            String path = "/users/" + phase.user + "/config";
            for (JsonValue listed : admin.get(path).expect(200, "listing the config files of " + phase.user)
                    .array()) {
                String name = listed.asJsonObject().getString("name");
                files.put(name, admin.get(path + "/" + name).expect(200, "reading " + name + " of " + phase.user)
                        .body());
            }
        } finally {
            delete(admin, unit);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("Berth has no config files for user " + phase.user);
        }
        return files;
    }

    /**
     * Defines a unit (untimed), times {@code POST /start} until it answers its image's {@link Check} (asked from
     * Docker's start event on, see {@link StartEvents}), then waits for the start command to finish and deletes the
     * unit (untimed), so that the next iteration finds the agent idle. Also records, within that time, when
     * {@code POST /start} was answered and when Docker reported the container started.
     */
    private void berthOnce(Api admin, Phase phase, boolean counted) throws TimeoutException {
        int port = FreePorts.next();
        long unit = define(admin, phase, port);

        StartEvents.Expected containerStart = events.expect("berth-" + phase.user + "-" + port);
        long start = System.nanoTime();
        String startCommand = admin.post("/units/" + unit + "/start", "")
                .expect(202, "starting unit " + unit).json().getString("command");
        long accepted = System.nanoTime() - start;
        long started;
        long took;
        try {
            started = containerStart.await(start, READY_DEADLINE) - start;
            try (Answer.Watch watch = Answer.watch(phase.image.check(), port, start)) {
                took = watch.await(READY_DEADLINE);
            }
        } catch (TimeoutException e) {
            throw new TimeoutException(e.getMessage() + "; start command: "
                    + admin.get("/commands/" + startCommand).body());
        }

        JsonObject startResult = finished(admin, startCommand);
        if (!"SUCCEEDED".equals(startResult.getString("state"))) {
            throw new IllegalStateException("unit " + unit + " answered, yet its start command ended " + startResult);
        }
        delete(admin, unit);
        if (counted) {
            phase.viaBerth.add(took);
            phase.berthAccepted.add(accepted);
            phase.berthStarted.add(started);
        }
    }

    /** A unit of the phase's user and image on {@code port}; its id. */
    private long define(Api admin, Phase phase, int port) {
        return admin.post("/units", "{\"user\":\"%s\",\"host\":\"%s\",\"port\":%d,\"image\":\"%s\"}"
                        .formatted(phase.user, berth.host(), port, phase.image.reference()))
                .expect(201, "defining a unit on port " + port).json().getJsonNumber("id").longValue();
    }

    /** Deletes the unit and waits until the agent has removed its container. */
    private static void delete(Api admin, long unit) throws TimeoutException {
        String command = admin.delete("/units/" + unit).expect(202, "deleting unit " + unit).json()
                .getString("command");
        JsonObject deleted = finished(admin, command);
        if (!"SUCCEEDED".equals(deleted.getString("state"))) {
            throw new IllegalStateException("could not delete unit " + unit + ": " + deleted);
        }
    }

    private static JsonObject finished(Api admin, String command) throws TimeoutException {
        long end = System.nanoTime() + COMMAND_DEADLINE.toNanos();
        while (true) {
            JsonObject view = admin.get("/commands/" + command).expect(200, "reading command " + command).json();
            if (!"PENDING".equals(view.getString("state"))) {
                return view;
            }
            if (System.nanoTime() - end > 0) {
                throw new TimeoutException("command " + command + " still PENDING after " + COMMAND_DEADLINE.toSeconds()
                        + " s: " + view);
            }
            LockSupport.parkNanos(COMMAND_POLL.toNanos());
        }
    }

    private String report(Version version, Info info, double bootSeconds, OptionalLong rssAfterBoot,
                          OptionalLong peak) {
        StringBuilder out = new StringBuilder();
        String line = "-".repeat(86) + "\n";
        out.append("Berth start latency benchmark, ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append('\n');
        out.append(String.format(Locale.ROOT, "machine: %d CPUs (Docker sees %d), %.1f GiB; Docker %s (API %s, %s);"
                        + " Java %s%n", Runtime.getRuntime().availableProcessors(), info.getNCPU(),
                info.getMemTotal() / (1024.0 * 1024 * 1024), version.getVersion(), version.getApiVersion(),
                info.getDriver(), System.getProperty("java.version")));
        out.append(String.format(Locale.ROOT, "readiness: asked from Docker's start event on, a new attempt every %d ms"
                + " (overlapping, 1 s timeouts)%n", Answer.POLL.toMillis()));
        if (logins != null) {
            out.append(logins.report());
        }
        for (Phase phase : phases) {
            phaseReport(out, line, phase);
        }
        out.append(line);
        out.append(String.format(Locale.ROOT, "Berth process (one JVM: manager, broker, agent, H2): booted in %.1f s%n"
                + "  RSS after boot %s", bootSeconds, mib(rssAfterBoot)));
        for (Phase phase : phases) {
            out.append(", after ").append(phase.image.key()).append(' ').append(mib(phase.rssAfter));
        }
        out.append(", peak ").append(mib(peak)).append('\n');
        if (!footprints.isEmpty()) {
            out.append(line).append("footprint: launch -> ready (host ONLINE), resident memory (VmRSS) after boot and"
                    + " after ").append(Footprint.UNITS).append(" units started and stopped, peak (VmHWM)\n");
            out.append(Footprint.header());
            footprints.forEach(f -> out.append(f.line()).append('\n'));
        }
        return out.toString();
    }

    private static void phaseReport(StringBuilder out, String line, Phase phase) {
        UnitImage image = phase.image;
        Check check = image.check();
        out.append(line.replace('-', '='));
        out.append(String.format(Locale.ROOT, "unit: %s, %s memory, %d CPU shares; %d iterations per path after %d"
                + " warm-up, in %.0f s%n", image.reference(), image.memory(), UnitImage.CPU_SHARES,
                phase.viaBerth.count(), WARM_UP, phase.seconds));
        out.append("answer: ").append(check.meaning());
        out.append(check == Check.ESPROC ? " (the agent's own check, Readiness.answers(\"esproc\", ...))\n" : "\n");
        if (image.configFiles()) {
            out.append("baseline: writes Berth's raqsoftConfig.xml and unitServer.xml for the port into a directory"
                    + " mounted read-only at /app/config, as the agent does\n");
        }
        if (phase.viaBerth.count() < image.recommendedIterations()) {
            out.append("note: fewer than ").append(image.recommendedIterations())
                    .append(" iterations; the medians are rough\n");
        }
        out.append(line);
        out.append(String.format(Locale.ROOT, "%-46s %8s %8s %8s %8s%n", "time to the unit's " + check.event()
                + " (ms)", "median", "p90", "min", "max"));
        out.append(line);
        for (Samples s : new Samples[] {phase.viaBerth, phase.berthAccepted, phase.berthStarted, phase.direct,
                phase.directStarted}) {
            out.append(String.format(Locale.ROOT, "%-46s %8.1f %8.1f %8.1f %8.1f%n", s.name(), s.median(),
                    s.percentile(90), s.min(), s.max()));
        }
        out.append(line);
        out.append(String.format(Locale.ROOT, "ratio median(Berth) / median(docker-java): %.2f  (Berth adds %.1f ms"
                        + " at the median)%n", phase.viaBerth.median() / phase.direct.median(),
                phase.viaBerth.median() - phase.direct.median()));
        out.append(line);
        out.append("samples in measurement order (ms):\n");
        out.append("  Berth, answer:             ").append(phase.viaBerth.inOrder()).append('\n');
        out.append("  Berth, POST /start 202:    ").append(phase.berthAccepted.inOrder()).append('\n');
        out.append("  Berth, start event:        ").append(phase.berthStarted.inOrder()).append('\n');
        out.append("  docker-java, answer:       ").append(phase.direct.inOrder()).append('\n');
        out.append("  docker-java, start event:  ").append(phase.directStarted.inOrder()).append('\n');
    }

    private static String mib(OptionalLong kib) {
        return kib.isPresent() ? String.format(Locale.ROOT, "%.0f MiB", kib.getAsLong() / 1024.0) : "unknown";
    }

    /** Stops Berth and removes every container this run may have left, then the temporary files. Idempotent. */
    private synchronized void cleanUp() {
        if (cleanedUp) {
            return;
        }
        cleanedUp = true;
        if (agent != null) {
            agent.close();
        }
        if (berth != null) {
            say("stopping Berth");
            berth.close();
            // the server log, beside the launcher's output (the data dir goes with the work dir)
            copy(berth.dataDir().resolve("logs/manager.log.0"), Path.of(log.toString().replaceFirst("\\.log$", "")
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

    private static void copy(Path from, Path to) {
        try {
            if (Files.exists(from)) {
                Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            say("could not keep " + from + ": " + e);
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

    private static void say(String message) {
        System.out.println("[bench] " + message);
        System.out.flush();
    }
}
