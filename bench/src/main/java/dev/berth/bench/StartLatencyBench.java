package dev.berth.bench;

import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
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
 * started directly with docker-java, in the same run. Both paths are timed to the same event, the unit's port
 * answering a GET with an HTTP status line ({@link HttpAnswer}), probed from Docker's start event for the container
 * on ({@link StartEvents}); everything before and after (defining and deleting the unit, removing the container) is
 * untimed. The two paths alternate, and which goes first flips every iteration, so that both share the machine's
 * noise.
 *
 * <p>System properties: {@code berth.root} (the checkout, with {@code ./berth}), {@code bench.iterations} (25),
 * {@code bench.log} (Berth's output), {@code bench.report} (where the report is written as well).
 */
public final class StartLatencyBench {

    static final int WARM_UP = 3;
    static final int RECOMMENDED_ITERATIONS = 20;
    private static final Duration READY_DEADLINE = Duration.ofSeconds(60);
    private static final Duration COMMAND_DEADLINE = Duration.ofSeconds(90);
    private static final Duration COMMAND_POLL = Duration.ofMillis(20);

    private final Path root;
    private final int iterations;
    private final Path log;
    private final Path reportFile;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Samples viaBerth = new Samples("Berth: POST /start -> HTTP answer");
    private final Samples berthAccepted = new Samples("  of which until POST /start answered 202");
    private final Samples berthStarted = new Samples("  of which until Docker's start event");
    private final Samples direct = new Samples("docker-java: create + start -> HTTP answer");
    private final Samples directStarted = new Samples("  of which until Docker's start event");
    private Path workDir;
    private DirectDocker docker;
    private StartEvents events;
    private RunningBerth berth;
    private boolean cleanedUp;

    private StartLatencyBench(Path root, int iterations, Path log, Path reportFile) {
        this.root = root;
        this.iterations = iterations;
        this.log = log;
        this.reportFile = reportFile;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("berth.root", "..")).toRealPath();
        int iterations = Integer.parseInt(System.getProperty("bench.iterations", "25").trim());
        if (iterations < 1) {
            throw new IllegalArgumentException("bench.iterations must be at least 1, not " + iterations);
        }
        Path log = Path.of(System.getProperty("bench.log", "target/berth-bench.log")).toAbsolutePath();
        Path report = Path.of(System.getProperty("bench.report", "target/bench-report.txt")).toAbsolutePath();
        // docker-java and its HTTP client log through SLF4J to java.util.logging; only problems are of interest
        Logger.getLogger("com.github.dockerjava").setLevel(Level.WARNING);
        Logger.getLogger("org.apache.hc").setLevel(Level.WARNING);
        new StartLatencyBench(root, iterations, log, report).run();
    }

    private void run() throws Exception {
        Thread onInterrupt = new Thread(this::cleanUp, "berth-bench-cleanup");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            workDir = Files.createTempDirectory("berth-bench-");
            docker = new DirectDocker(workDir.resolve("baseline"));
            docker.requireImage();
            events = new StartEvents(docker.client());
            Version version = docker.client().versionCmd().exec();
            Info info = docker.client().infoCmd().exec();

            say("booting Berth with " + root.resolve("berth") + " run (output: " + log + ")");
            long bootStart = System.nanoTime();
            berth = RunningBerth.boot(root, workDir.resolve("data"), log);
            double bootSeconds = HttpAnswer.millis(System.nanoTime() - bootStart) / 1000;
            say(String.format(Locale.ROOT, "Berth is up, host %s ONLINE after %.1f s", berth.host(), bootSeconds));
            OptionalLong rssAfterBoot = berth.memoryKib("VmRSS");

            Rest admin = berth.admin();
            String user = "bench" + run;
            admin.post("/users", """
                    {"name":"%s","alias":"Benchmark %s","password":"%s","memory":"64m","cpuShares":%d}"""
                    .formatted(user, run, "pw-" + UUID.randomUUID(), DirectDocker.CPU_SHARES))
                    .expect(201, "creating user " + user);

            say("warming up: " + WARM_UP + " iterations of each path, not counted");
            for (int i = 0; i < WARM_UP; i++) {
                iteration(i, admin, user, false);
            }
            say("measuring: " + iterations + " iterations of each path, alternating");
            for (int i = 0; i < iterations; i++) {
                iteration(i, admin, user, true);
                if ((i + 1) % 5 == 0 || i + 1 == iterations) {
                    say(String.format(Locale.ROOT, "  %d/%d  medians so far: Berth %.1f ms, docker-java %.1f ms",
                            i + 1, iterations, viaBerth.median(), direct.median()));
                }
            }
            OptionalLong rssAfterRun = berth.memoryKib("VmRSS");
            OptionalLong peak = berth.memoryKib("VmHWM");

            String report = report(version, info, bootSeconds, rssAfterBoot, rssAfterRun, peak);
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

    /** One iteration of each path, counted or warm-up. Even iterations start with Berth, odd ones with docker-java. */
    private void iteration(int i, Rest admin, String user, boolean counted) throws TimeoutException {
        if (i % 2 == 0) {
            berthOnce(admin, user, counted);
            directOnce(counted);
        } else {
            directOnce(counted);
            berthOnce(admin, user, counted);
        }
    }

    private void directOnce(boolean counted) throws TimeoutException {
        DirectDocker.Timing timing = docker.startOnce(FreePorts.next(), run, events, READY_DEADLINE);
        if (counted) {
            direct.add(timing.answered());
            directStarted.add(timing.started());
        }
    }

    /**
     * Defines a unit (untimed), times {@code POST /start} until it answers HTTP (probed from Docker's start event on,
     * see {@link StartEvents}), then waits for the start command to finish and deletes the unit (untimed), so that
     * the next iteration finds the agent idle. Also records, within that time, when {@code POST /start} was answered
     * and when Docker reported the container started.
     */
    private void berthOnce(Rest admin, String user, boolean counted) throws TimeoutException {
        int port = FreePorts.next();
        long unit = admin.post("/units", "{\"user\":\"%s\",\"host\":\"%s\",\"port\":%d}"
                        .formatted(user, berth.host(), port))
                .expect(201, "defining a unit on port " + port).json().getJsonNumber("id").longValue();

        StartEvents.Expected containerStart = events.expect("berth-" + user + "-" + port);
        long start = System.nanoTime();
        String startCommand = admin.post("/units/" + unit + "/start", "")
                .expect(202, "starting unit " + unit).json().getString("command");
        long accepted = System.nanoTime() - start;
        long started;
        long took;
        try {
            started = containerStart.await(start, READY_DEADLINE) - start;
            try (HttpAnswer.Watch watch = HttpAnswer.watch(port, start)) {
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
        String deleteCommand = admin.delete("/units/" + unit).expect(202, "deleting unit " + unit).json()
                .getString("command");
        JsonObject deleted = finished(admin, deleteCommand);
        if (!"SUCCEEDED".equals(deleted.getString("state"))) {
            throw new IllegalStateException("could not delete unit " + unit + ": " + deleted);
        }
        if (counted) {
            viaBerth.add(took);
            berthAccepted.add(accepted);
            berthStarted.add(started);
        }
    }

    private static JsonObject finished(Rest admin, String command) throws TimeoutException {
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
                          OptionalLong rssAfterRun, OptionalLong peak) {
        StringBuilder out = new StringBuilder();
        String line = "-".repeat(86) + "\n";
        out.append("Berth start latency benchmark, ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append('\n');
        out.append(String.format(Locale.ROOT, "machine: %d CPUs (Docker sees %d), %.1f GiB; Docker %s (API %s, %s);"
                        + " Java %s%n", Runtime.getRuntime().availableProcessors(), info.getNCPU(),
                info.getMemTotal() / (1024.0 * 1024 * 1024), version.getVersion(), version.getApiVersion(),
                info.getDriver(), System.getProperty("java.version")));
        out.append(String.format(Locale.ROOT, "unit: %s, 64m memory, %d CPU shares; %d iterations per path after %d"
                + " warm-up%n", DirectDocker.IMAGE, DirectDocker.CPU_SHARES, viaBerth.count(), WARM_UP));
        out.append(String.format(Locale.ROOT, "readiness: probed from Docker's start event on, a new HTTP GET every"
                + " %d ms%n", HttpAnswer.POLL.toMillis()));
        if (viaBerth.count() < RECOMMENDED_ITERATIONS) {
            out.append("note: fewer than ").append(RECOMMENDED_ITERATIONS)
                    .append(" iterations; the medians are rough\n");
        }
        out.append(line);
        out.append(String.format(Locale.ROOT, "%-46s %8s %8s %8s %8s%n", "time to a unit answering HTTP (ms)",
                "median", "p90", "min", "max"));
        out.append(line);
        for (Samples s : new Samples[] {viaBerth, berthAccepted, berthStarted, direct, directStarted}) {
            out.append(String.format(Locale.ROOT, "%-46s %8.1f %8.1f %8.1f %8.1f%n", s.name(), s.median(),
                    s.percentile(90), s.min(), s.max()));
        }
        out.append(line);
        out.append(String.format(Locale.ROOT, "ratio median(Berth) / median(docker-java): %.2f  (Berth adds %.1f ms"
                        + " at the median)%n", viaBerth.median() / direct.median(),
                viaBerth.median() - direct.median()));
        out.append(line);
        out.append(String.format(Locale.ROOT, "Berth process (one JVM: manager, broker, agent, H2): booted in %.1f s%n"
                + "  RSS after boot %s, after the run %s, peak %s%n", bootSeconds, mib(rssAfterBoot),
                mib(rssAfterRun), mib(peak)));
        out.append(line);
        out.append("samples in measurement order (ms):\n");
        out.append("  Berth, answer:             ").append(viaBerth.inOrder()).append('\n');
        out.append("  Berth, POST /start 202:    ").append(berthAccepted.inOrder()).append('\n');
        out.append("  Berth, start event:        ").append(berthStarted.inOrder()).append('\n');
        out.append("  docker-java, answer:       ").append(direct.inOrder()).append('\n');
        out.append("  docker-java, start event:  ").append(directStarted.inOrder()).append('\n');
        return out.toString();
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
        if (berth != null) {
            say("stopping Berth");
            berth.close();
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
                int removed = docker.removeLabelled(Map.of(DirectDocker.BENCH_LABEL, "true"));
                if (berth != null) {
                    removed += docker.removeLabelled(Map.of("berth.host", berth.host()));
                }
                if (removed > 0) {
                    say("removed " + removed + " leftover container(s)");
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
