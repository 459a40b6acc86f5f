package dev.berth.bench;

import dev.berth.testsupport.Api;
import dev.berth.testsupport.BerthProcess;
import dev.berth.testsupport.FreePorts;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * P1/P2: how long a unit takes to answer after {@code POST /api/units/{id}/start}, against the same image created and
 * started directly with docker-java, in the same run, for each image in {@code bench.images}: the tiny HTTP probe
 * (P1) and the esProc SPL node (P2). Both paths are timed to the same event, the unit answering its image's
 * {@link Check} (an HTTP status line, or the esProc node's task count in its protocol), asked from Docker's start
 * event for the container on ({@link StartEvents}); everything before and after (defining and deleting the unit,
 * removing the container) is untimed. The two paths alternate, and which goes first flips every iteration, so that
 * both share the machine's noise. The {@link Suite}'s one Berth boot serves all images, one after the other.
 *
 * <p>System properties: {@code bench.images} ({@code probe,esproc}), {@code bench.iterations} (for every image; else
 * each image's default: probe 25, esproc 15), {@code bench.iterations.<image>} (for one image).
 */
final class StartLatencyBench {

    static final int WARM_UP = 3;
    private static final Duration BOOT_DEADLINE = Duration.ofMinutes(4);
    private static final Duration READY_DEADLINE = Duration.ofSeconds(60);
    private static final Duration COMMAND_DEADLINE = Duration.ofSeconds(90);
    private static final Duration COMMAND_POLL = Duration.ofMillis(20);

    private final List<Phase> phases = new ArrayList<>();
    private final String run;
    private final BerthProcess berth;
    private final DirectDocker docker;
    private final StartEvents events;
    private OptionalLong rssBefore = OptionalLong.empty();

    /** The images of {@code bench.images} and their iterations; the run's Berth, baseline and event stream. */
    StartLatencyBench(BerthProcess berth, DirectDocker docker, StartEvents events, String run) {
        this.berth = berth;
        this.docker = docker;
        this.events = events;
        this.run = run;
        for (UnitImage image : images()) {
            phases.add(new Phase(image, iterations(image)));
        }
    }

    static List<UnitImage> images() {
        return UnitImage.parse(System.getProperty("bench.images", "probe,esproc"));
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

    /** Every image, one after the other; Berth's memory after each. */
    void run(Api admin) throws TimeoutException, IOException {
        rssBefore = berth.memoryKib("VmRSS");
        for (Phase phase : phases) {
            measure(admin, phase);
            phase.rssAfter = berth.memoryKib("VmRSS");
        }
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

    /** The text block: per image its paths, ratio and samples; Berth's memory before and after. */
    String text() {
        StringBuilder out = new StringBuilder();
        String line = "-".repeat(86) + "\n";
        out.append(String.format(Locale.ROOT, "readiness: asked from Docker's start event on, a new attempt every %d ms"
                + " (overlapping, 1 s timeouts)%n", Answer.POLL.toMillis()));
        for (Phase phase : phases) {
            phaseReport(out, line, phase);
        }
        out.append(line);
        out.append("Berth's RSS before ").append(mib(rssBefore));
        for (Phase phase : phases) {
            out.append(", after ").append(phase.image.key()).append(' ').append(mib(phase.rssAfter));
        }
        return out.append('\n').toString();
    }

    /** The report's section P1/P2: per image, Berth's start against docker-java's, the 1.10 goal. */
    Section section() {
        Section section = new Section("P1/P2", "start latency, one unit at a time").measured("""
                From just before `POST /api/units/{id}/start` until the unit answers its image's readiness check
                (probed from Docker's start event on), against the same image created and started directly with
                docker-java with the agent's own container settings, in the same run; the paths alternate. P1: the
                probe image, P2: the esProc unit. Goal: median(Berth) / median(docker-java) at most 1.10.""");
        for (Phase phase : phases) {
            String image = phase.image.key();
            section.row(image + ": Berth, POST /start -> answer", phase.viaBerth, "ms");
            section.row(image + ":   of which until POST /start answered 202", phase.berthAccepted, "ms");
            section.row(image + ":   of which until Docker's start event", phase.berthStarted, "ms");
            section.row(image + ": docker-java (baseline), create + start -> answer", phase.direct, "ms");
            section.row(image + ":   of which until Docker's start event", phase.directStarted, "ms");
            double ratio = phase.viaBerth.median() / phase.direct.median();
            section.verdict(String.format(Locale.ROOT, "%s: ratio %.3f (Berth adds %.1f ms at the median)", image,
                    ratio, phase.viaBerth.median() - phase.direct.median()), "<= 1.10", ratio <= 1.10);
            if (ratio > 1.10) {
                section.note(String.format(Locale.ROOT, "%s, where Berth's time goes (medians): %.1f ms until"
                                + " `POST /start` answered (REST, login, transaction, JMS send), %.1f ms more until"
                                + " Docker's start event (JMS to the agent, its checks, home, config files, create,"
                                + " start; docker-java alone: %.1f ms), %.1f ms from the start event to the answer"
                                + " (docker-java: %.1f ms)", image, phase.berthAccepted.median(),
                        phase.berthStarted.median() - phase.berthAccepted.median(), phase.directStarted.median(),
                        phase.viaBerth.median() - phase.berthStarted.median(),
                        phase.direct.median() - phase.directStarted.median()));
            }
        }
        section.text = text();
        return section;
    }

    /** The plot's bars: per image, both paths. */
    List<Svg.Bar> bars() {
        List<Svg.Bar> bars = new ArrayList<>();
        for (Phase phase : phases) {
            bars.add(new Svg.Bar(phase.image.key() + ": Berth", phase.viaBerth.median(),
                    phase.viaBerth.percentile(95)));
            bars.add(new Svg.Bar(phase.image.key() + ": docker-java", phase.direct.median(),
                    phase.direct.percentile(95)));
        }
        return bars;
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

    private static void say(String message) {
        System.out.println("[bench] " + message);
        System.out.flush();
    }
}
