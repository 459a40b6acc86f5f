package dev.berth.bench;

import dev.berth.testsupport.Api;
import dev.berth.testsupport.BerthProcess;
import dev.berth.testsupport.FreePorts;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * P3, a crowd: {@link #UNITS} probe units started at once, wall time from the request until all are RUNNING, against
 * two baselines on the same engine in the same run: as many containers created and started directly with
 * docker-java ({@link DirectDocker}, the agent's own settings) by {@link #CLIENTS} threads until each answers HTTP,
 * and Docker Swarm ({@code docker service create --replicas N} until N tasks run). Berth's starts go as one batch
 * ({@code POST /api/batches}: N {@code unit.ensure} and N {@code unit.start} items) when the API has batches, else
 * through {@code POST /api/units/{id}/start} from {@link #CLIENTS} client threads (the units defined beforehand,
 * untimed). The swarm is always left again, also when a round fails.
 *
 * <p>System properties: {@code bench.crowd.units} (100), {@code bench.crowd.clients} (8),
 * {@code bench.crowd.rounds} (1), {@code bench.crowd.swarm} ({@code true}).
 */
final class Crowd {

    static final int UNITS = Integer.getInteger("bench.crowd.units", 100);
    static final int CLIENTS = Integer.getInteger("bench.crowd.clients", 8);
    /** Units per user: a user's units on a host share a network of its own, a /27 (about 29 units). */
    static final int PER_USER = Integer.getInteger("bench.crowd.per-user", 10);
    private static final int ROUNDS = Integer.getInteger("bench.crowd.rounds", 1);
    private static final boolean SWARM = Boolean.parseBoolean(System.getProperty("bench.crowd.swarm", "true"));
    private static final Duration DEADLINE = Duration.ofMinutes(5);
    private static final Duration POLL = Duration.ofMillis(100);
    /**
     * How often Berth's path reads the units while they start: seldom, since a read of every unit costs Berth CPU
     * the engine would otherwise have (a read every 100 ms took a quarter of Berth's CPU during the crowd); each
     * unit's time comes from its start command's end as the manager recorded it, not from when a read saw it.
     */
    private static final Duration BERTH_POLL = Duration.ofSeconds(1);
    private static final int SWARM_PORT_TARGET = 8080;
    /** The bridge {@code swarm init} makes and {@code swarm leave} leaves behind. */
    private static final String GATEWAY_BRIDGE = "docker_gwbridge";

    private final BerthProcess berth;
    private final DirectDocker docker;
    private final String run;
    /** The crowd's users' common prefix; unit {@code i} belongs to user {@code prefix + i / PER_USER}. */
    private final String prefix;
    private final Samples berthWall = new Samples("Berth");
    private final Samples berthEach = new Samples("Berth, each unit");
    private final Samples berthSent = new Samples("Berth, all requests answered");
    private final Samples commandTook = new Samples("start command, created -> finished");
    private final Samples directWall = new Samples("docker-java");
    private final Samples directEach = new Samples("docker-java, each container");
    private final Samples swarmWall = new Samples("Docker Swarm");
    private final List<String> notes = new ArrayList<>();
    private int peakInFlight;
    private boolean viaBatch;
    private String swarmService;
    private boolean inSwarm;
    private boolean gatewayBridgeBefore;

    Crowd(BerthProcess berth, DirectDocker docker, String run) {
        this.berth = berth;
        this.docker = docker;
        this.run = run;
        this.prefix = "crowd" + run + "-";
    }

    Section run(Api admin) throws Exception {
        for (int u = 0; u * PER_USER < UNITS; u++) {
            admin.post("/users", """
                    {"name":"%s","alias":"Benchmark crowd","password":"%s","memory":"%s","cpuShares":%d,\
                    "maxUnits":%d}""".formatted(prefix + u, "pw-" + UUID.randomUUID(), UnitImage.PROBE.memory(),
                    UnitImage.CPU_SHARES, PER_USER)).expect(201, "creating user " + prefix + u);
        }
        viaBatch = admin.get("/batches?limit=1").status() == 200;
        for (int round = 0; round < ROUNDS; round++) {
            // which path goes first turns every round, so that all share the machine's noise
            List<String> order = new ArrayList<>(List.of("berth", "direct", "swarm"));
            Collections.rotate(order, -round);
            for (String path : order) {
                switch (path) {
                    case "berth" -> berthOnce(admin);
                    case "direct" -> directOnce();
                    default -> {
                        if (SWARM) {
                            swarmOnce();
                        }
                    }
                }
            }
        }
        return section();
    }

    /** Berth's path once: all starts sent, until every unit is RUNNING; then all deleted (untimed). */
    private void berthOnce(Api admin) throws Exception {
        List<Integer> ports = ports();
        Map<Integer, Long> ready = new HashMap<>();
        long start;
        long startedAt;
        if (viaBatch) {
            String batch = "crowd-" + run + "-" + UUID.randomUUID().toString().substring(0, 6);
            StringBuilder items = new StringBuilder();
            for (int i = 0; i < ports.size(); i++) {
                int port = ports.get(i);
                String user = prefix + i / PER_USER;
                items.append(items.isEmpty() ? "" : ",").append("""
                        {"key":"e%d","op":"unit.ensure","unit":{"user":"%s","host":"%s","port":%d,"image":"%s"}},\
                        {"key":"s%d","op":"unit.start","user":"%s","host":"%s","port":%d}""".formatted(port, user,
                        berth.host(), port, UnitImage.PROBE.reference(), port, user, berth.host(), port));
            }
            String body = "{\"batch\":\"" + batch + "\",\"items\":[" + items + "]}";
            say("P3: Berth, one batch of " + UNITS + " ensures and starts");
            start = System.nanoTime();
            startedAt = System.currentTimeMillis();
            admin.post("/batches", body).expect(202, "submitting batch " + batch);
            berthSent.add(System.nanoTime() - start);
        } else {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < ports.size(); i++) {
                int port = ports.get(i);
                ids.add(admin.post("/units", "{\"user\":\"%s\",\"host\":\"%s\",\"port\":%d,\"image\":\"%s\"}"
                                .formatted(prefix + i / PER_USER, berth.host(), port, UnitImage.PROBE.reference()))
                        .expect(201, "defining a unit on port " + port).json().getJsonNumber("id").longValue());
            }
            say("P3: Berth, " + UNITS + " POST /start from " + CLIENTS + " clients");
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<?>> sent = new ArrayList<>();
                start = System.nanoTime();
                startedAt = System.currentTimeMillis();
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    sent.add(clients.submit(() -> {
                        for (int i = client; i < ids.size(); i += CLIENTS) {
                            admin.post("/units/" + ids.get(i) + "/start", "").expect(202, "starting " + ids.get(i));
                        }
                    }));
                }
                for (Future<?> f : sent) {
                    f.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
                }
                berthSent.add(System.nanoTime() - start);
            } finally {
                clients.shutdownNow();
            }
        }
        Map<Integer, String> commands = new HashMap<>();
        long end = start + DEADLINE.toNanos();
        while (ready.size() < ports.size()) {
            long now = System.nanoTime();
            for (JsonValue v : admin.get("/units").expect(200, "listing units").array()) {
                JsonObject unit = v.asJsonObject();
                if (!ours(unit)) {
                    continue;
                }
                int port = unit.getInt("port");
                String state = unit.getString("state");
                if ("FAILED".equals(state)) {
                    throw new IllegalStateException("unit on port " + port + " FAILED: " + unit);
                }
                if ("RUNNING".equals(state) && !ready.containsKey(port)) {
                    ready.put(port, now - start);
                    commands.put(port, unit.isNull("lastCommand") ? null : unit.getString("lastCommand"));
                }
            }
            if (now - end > 0) {
                throw new TimeoutException(ready.size() + " of " + ports.size() + " units RUNNING after "
                        + DEADLINE.toMinutes() + " min");
            }
            LockSupport.parkNanos(BERTH_POLL.toNanos());
        }
        // each unit RUNNING when its start command ended (the same transaction), on this machine's clock
        Map<String, Long> finished = breakdown(admin, commands.values());
        commands.forEach((port, command) -> {
            Long at = command == null ? null : finished.get(command);
            if (at != null) {
                ready.put(port, TimeUnit.MILLISECONDS.toNanos(Math.max(0, at - startedAt)));
            }
        });
        long wall = Collections.max(ready.values());
        berthWall.add(wall);
        ready.values().forEach(berthEach::add);
        say(String.format(Locale.ROOT, "P3: Berth: all %d RUNNING after %.1f s", ports.size(), wall / 1e9));
        removeUnits(admin);
    }

    /**
     * The start commands' own times (created -> finished) and how many were in flight on the host at once.
     *
     * @return when each command ended (epoch milliseconds), by id
     */
    private Map<String, Long> breakdown(Api admin, java.util.Collection<String> ids) {
        Map<String, Long> ends = new HashMap<>();
        List<long[]> spans = new ArrayList<>();
        for (String id : ids) {
            if (id == null) {
                continue;
            }
            JsonObject command = admin.get("/commands/" + id).expect(200, "reading command " + id).json();
            if (command.isNull("finishedAt") || !"START".equals(command.getString("type"))) {
                continue;
            }
            long created = Instant.parse(command.getString("createdAt")).toEpochMilli();
            long finished = Instant.parse(command.getString("finishedAt")).toEpochMilli();
            ends.put(id, finished);
            commandTook.add(TimeUnit.MILLISECONDS.toNanos(finished - created));
            spans.add(new long[] {created, finished});
        }
        List<long[]> edges = new ArrayList<>();
        spans.forEach(s -> {
            edges.add(new long[] {s[0], 1});
            edges.add(new long[] {s[1], -1});
        });
        edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int inFlight = 0;
        for (long[] e : edges) {
            inFlight += (int) e[1];
            peakInFlight = Math.max(peakInFlight, inFlight);
        }
        return ends;
    }

    /** Deletes the crowd's units and waits until all are gone (untimed). */
    private void removeUnits(Api admin) throws TimeoutException {
        for (JsonValue v : admin.get("/units").expect(200, "listing units").array()) {
            JsonObject unit = v.asJsonObject();
            if (ours(unit)) {
                admin.delete("/units/" + unit.getJsonNumber("id").longValue());
            }
        }
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (admin.get("/units").expect(200, "listing units").array().stream()
                .anyMatch(v -> ours(v.asJsonObject()))) {
            if (System.nanoTime() - end > 0) {
                throw new TimeoutException("the crowd's units are still there " + DEADLINE.toMinutes()
                        + " min after their delete");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
    }

    private boolean ours(JsonObject unit) {
        return unit.getString("user").startsWith(prefix);
    }

    /** The docker-java baseline once: {@link #CLIENTS} threads create and start, each until its container answers. */
    private void directOnce() throws Exception {
        List<Integer> ports = ports();
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        List<Long> answered = Collections.synchronizedList(new ArrayList<>());
        say("P3: docker-java, " + UNITS + " containers from " + CLIENTS + " threads");
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            long start = System.nanoTime();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                done.add(threads.submit(() -> {
                    for (int i = client; i < ports.size(); i += CLIENTS) {
                        int port = ports.get(i);
                        ids.add(docker.createAndStart(UnitImage.PROBE, port, run));
                        try (Answer.Watch watch = Answer.watch(Check.HTTP, port, start)) {
                            answered.add(watch.await(DEADLINE));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            }
            long wall = Collections.max(answered);
            directWall.add(wall);
            answered.forEach(directEach::add);
            say(String.format(Locale.ROOT, "P3: docker-java: all %d answered after %.1f s", ports.size(), wall / 1e9));
        } finally {
            threads.shutdownNow();
            ExecutorService removers = Executors.newFixedThreadPool(CLIENTS);
            List<String> all;
            synchronized (ids) {
                all = new ArrayList<>(ids);
            }
            for (String id : all) {
                removers.submit(() -> docker.remove(id));
            }
            removers.shutdown();
            removers.awaitTermination(5, TimeUnit.MINUTES);
        }
    }

    /**
     * Docker Swarm once, on the same engine: {@code swarm init}, {@code service create --replicas N} of the probe
     * image (local, not resolved in a registry, one port published through the routing mesh) timed until all N tasks
     * run, then the service removed and the swarm left (and the gateway bridge it made removed). An engine already in a swarm is left alone (not measured).
     */
    private void swarmOnce() throws Exception {
        String state = cli(Duration.ofSeconds(30), "docker", "info", "--format", "{{.Swarm.LocalNodeState}}").trim();
        if (!"inactive".equals(state)) {
            notes.add("Swarm not measured: the engine is already in a swarm (" + state + "), which the benchmark"
                    + " leaves alone");
            return;
        }
        gatewayBridgeBefore = !cli(Duration.ofSeconds(30), "docker", "network", "ls", "-q", "--filter",
                "name=^" + GATEWAY_BRIDGE + "$").isBlank();
        try {
            inSwarm = true;
            cli(Duration.ofMinutes(1), "docker", "swarm", "init", "--advertise-addr", "127.0.0.1");
            swarmService = "berth-bench-" + run;
            int published = FreePorts.next();
            say("P3: Docker Swarm, a service of " + UNITS + " replicas");
            long start = System.nanoTime();
            cli(Duration.ofMinutes(1), "docker", "service", "create", "--detach", "--quiet", "--name", swarmService,
                    "--replicas", String.valueOf(UNITS), "--no-resolve-image", "--env", "UNIT_PORT="
                            + SWARM_PORT_TARGET, "--limit-memory", UnitImage.PROBE.memory(), "--label",
                    DirectDocker.BENCH_LABEL + ".run=" + run, "--publish", "published=" + published + ",target="
                            + SWARM_PORT_TARGET, UnitImage.PROBE.reference());
            long end = start + DEADLINE.toNanos();
            String replicas = "";
            while (!replicas.equals(UNITS + "/" + UNITS)) {
                if (System.nanoTime() - end > 0) {
                    throw new TimeoutException("swarm service " + swarmService + " at " + replicas + " after "
                            + DEADLINE.toMinutes() + " min");
                }
                LockSupport.parkNanos(POLL.toNanos());
                replicas = cli(Duration.ofSeconds(30), "docker", "service", "ls", "--filter", "name=" + swarmService,
                        "--format", "{{.Replicas}}").trim();
            }
            long wall = System.nanoTime() - start;
            swarmWall.add(wall);
            say(String.format(Locale.ROOT, "P3: Docker Swarm: %d/%d tasks running after %.1f s", UNITS, UNITS,
                    wall / 1e9));
        } finally {
            cleanUp();
        }
    }

    /** Removes the swarm service and leaves the swarm, if this run joined one; never fails. Idempotent. */
    synchronized void cleanUp() {
        if (!inSwarm) {
            return;
        }
        try {
            if (swarmService != null) {
                cli(Duration.ofMinutes(1), "docker", "service", "rm", swarmService);
                long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                while (!cli(Duration.ofSeconds(30), "docker", "ps", "-aq", "--filter",
                        "label=com.docker.swarm.service.name=" + swarmService).isBlank()
                        && System.nanoTime() - end < 0) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
                }
            }
        } catch (Exception e) {
            say("could not remove swarm service " + swarmService + ": " + e);
        } finally {
            try {
                cli(Duration.ofMinutes(1), "docker", "swarm", "leave", "--force");
                if (!gatewayBridgeBefore) {
                    cli(Duration.ofSeconds(30), "docker", "network", "rm", GATEWAY_BRIDGE);
                }
            } catch (Exception e) {
                say("could not leave the swarm: " + e);
            }
            inSwarm = false;
            swarmService = null;
        }
    }

    /** Runs a command, returns its output; fails with its output when it exits other than 0. */
    private static String cli(Duration deadline, String... command) throws IOException, InterruptedException,
            TimeoutException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(deadline.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new TimeoutException(String.join(" ", command) + " still running after " + deadline.toSeconds()
                    + " s");
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ": " + output.trim());
        }
        return output;
    }

    private static List<Integer> ports() {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < UNITS; i++) {
            ports.add(FreePorts.next());
        }
        return ports;
    }

    private Section section() {
        Section section = new Section("P3", "a crowd: " + UNITS + " units started at once").measured(String.format(
                Locale.ROOT, "Wall time from the request until all %d probe units are RUNNING (Berth: %s; %d users"
                        + " of %d units each, as a user's units on a host share a network of its own), against"
                        + " the same engine in the same run: (a) %d containers created and started with docker-java"
                        + " (the agent's own container settings) by %d threads, until each answers HTTP; (b) Docker"
                        + " Swarm, `docker service create --replicas %d` (local image, one port through the routing"
                        + " mesh) until all tasks run. %d round(s). Goal: at most 1.10x docker-java and faster than"
                        + " Swarm.", UNITS, viaBatch ? "one batch, `POST /api/batches` with " + UNITS
                        + " unit.ensure and " + UNITS + " unit.start items" : UNITS + " `POST /api/units/{id}/start`"
                        + " from " + CLIENTS + " client threads, the units defined beforehand (untimed); the batch"
                        + " API is not in this build", UNITS / PER_USER, PER_USER, UNITS, CLIENTS, UNITS, ROUNDS));
        seconds(section, "Berth: until all RUNNING", berthWall);
        seconds(section, "docker-java (baseline a): until all answer", directWall);
        if (swarmWall.count() > 0) {
            seconds(section, "Docker Swarm (baseline b): until all tasks run", swarmWall);
        }
        seconds(section, "Berth: each unit, until RUNNING", berthEach);
        seconds(section, "docker-java: each container, until it answers", directEach);
        if (berthWall.count() > 0 && directWall.count() > 0) {
            double ratio = berthWall.median() / directWall.median();
            section.verdict(String.format(Locale.ROOT, "Berth / docker-java: %.3f", ratio), "<= 1.10", ratio <= 1.10);
            if (swarmWall.count() > 0) {
                double vsSwarm = berthWall.median() / swarmWall.median();
                section.verdict(String.format(Locale.ROOT, "Berth / Swarm: %.3f", vsSwarm), "< 1.00", vsSwarm < 1);
            }
            if (ratio > 1.10 || swarmWall.count() > 0 && berthWall.median() >= swarmWall.median()) {
                section.note(String.format(Locale.ROOT, "where Berth's time goes: %s answered after %.2f s"
                                + " (median of rounds); the start commands in flight on the host at once: at most %d"
                                + " (the agent's concurrency); each start command from created to finished (queue,"
                                + " agent, Docker, readiness): median %.2f s, p95 %.2f s, over %d commands",
                        viaBatch ? "the batch request was" : "all start requests were", berthSent.median() / 1000, peakInFlight,
                        commandTook.median() / 1000, commandTook.percentile(95) / 1000, commandTook.count()));
            }
        }
        notes.forEach(section::note);
        return section;
    }

    /** The plot's bars: the three walls, in seconds. */
    List<Svg.Bar> bars() {
        List<Svg.Bar> bars = new ArrayList<>();
        for (Samples s : List.of(berthWall, directWall, swarmWall)) {
            if (s.count() > 0) {
                bars.add(new Svg.Bar(s.name(), s.median() / 1000, s.percentile(95) / 1000));
            }
        }
        return bars;
    }

    /** A row in seconds (Samples answers ms); none for a path not measured. */
    private static void seconds(Section section, String what, Samples samples) {
        if (samples.count() > 0) {
            section.row(what, samples.median() / 1000, samples.percentile(95) / 1000, "s");
        }
    }

    private static void say(String message) {
        Suite.say(message);
    }
}
