package dev.berth.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Berth started as a user starts it, {@code <root>/berth run}, with a data directory, ports, agent host and admin
 * password of its own, its output in a log file; stopped again by {@link #close()} as Ctrl-C stops it, or killed
 * ({@link #kill()}, as a crash or {@code kill -9} ends it) and started again on the same data directory
 * ({@link #launchAgain()}).
 */
public final class BerthProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Path root;
    private final String host;
    private final String adminPassword;
    private final Path dataDir;
    private final Path log;
    private final int httpPort;
    private final int brokerPort;
    private final Map<String, String> settings;
    private final Process process;
    private boolean closed;

    private BerthProcess(Path root, String host, Path dataDir, Path log, Map<String, String> settings, int httpPort,
                         int brokerPort, String adminPassword, boolean again) throws IOException {
        this.root = root;
        this.host = host;
        this.adminPassword = adminPassword;
        this.dataDir = dataDir;
        this.log = log;
        this.httpPort = httpPort;
        this.brokerPort = brokerPort;
        this.settings = settings;
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(root.resolve("berth").toString(), "run")
                .redirectErrorStream(true)
                .redirectOutput(again ? ProcessBuilder.Redirect.appendTo(log.toFile()) : ProcessBuilder.Redirect.to(
                        log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("BERTH_DATA_DIR", dataDir.toString());
        env.put("BERTH_HTTP_PORT", String.valueOf(httpPort));
        env.put("BERTH_BROKER_PORT", String.valueOf(brokerPort));
        env.put("BERTH_AGENT_HOST", host);
        env.put("BERTH_ADMIN_PASSWORD", adminPassword);
        env.putAll(settings);
        this.process = builder.start();
    }

    /**
     * Launches Berth and returns at once, before it is ready ({@link #awaitReady(Duration)}).
     *
     * @param root     where {@code ./berth} is
     * @param host     the local agent's host name, also the {@code berth.host} label of every container it makes
     * @param settings more environment for the launcher ({@code BERTH_*}); wins over the defaults set here
     */
    public static BerthProcess launch(Path root, String host, Path dataDir, Path log, Map<String, String> settings)
            throws IOException {
        return new BerthProcess(root, host, dataDir, log, new HashMap<>(settings), FreePorts.next(), FreePorts.next(),
                "admin-" + UUID.randomUUID(), false);
    }

    /**
     * Launches Berth again after it ended ({@link #kill()}, {@link #close()}): the same data directory, ports, host,
     * settings and admin, its output appended to the same log; returns at once, before it is ready.
     */
    public BerthProcess launchAgain() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException("Berth of " + dataDir + " still runs: kill or close it first");
        }
        return new BerthProcess(root, host, dataDir, log, settings, httpPort, brokerPort, adminPassword, true);
    }

    /**
     * Ends Berth as a crash or {@code kill -9} does: SIGKILL to its JVM and its launcher at once, nothing shut down,
     * nothing flushed; returns once both are gone. Idempotent.
     */
    public synchronized void kill() {
        closed = true;
        killForcibly(process);
    }

    /** SIGKILL to a launcher's JVM first (so that the launcher's own clean-up cannot stop it), then to the launcher. */
    static void killForcibly(Process launcher) {
        Optional<ProcessHandle> java = javaOf(launcher);
        java.ifPresent(ProcessHandle::destroyForcibly);
        launcher.descendants().forEach(ProcessHandle::destroyForcibly);
        launcher.destroyForcibly();
        try {
            java.ifPresent(jvm -> jvm.onExit().join());
            launcher.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Launches this Berth again, once it has stopped (or died): the same data directory, host, ports, admin password
     * and settings, its output in another log file. Returns at once, before it is ready.
     */
    public BerthProcess relaunch(Path log) throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException("Berth still runs from " + dataDir);
        }
        closed = true;
        return new BerthProcess(root, host, dataDir, log, settings, httpPort, brokerPort, adminPassword, false);
    }

    /** The launcher's process ({@code ./berth run}), e.g. to signal its process group as Ctrl-C does. */
    public Process launcher() {
        return process;
    }

    /**
     * Returns once Berth is ready as its launcher sees it ({@code /health/ready} with the local agent UP) and the
     * admin sees the local host ONLINE; throws, pointing at the log, when the process exits first or the deadline
     * passes.
     */
    public void awaitReady(Duration deadline) {
        Api server = new Api(url(), null, null);
        Api admin = admin();
        String[] seen = {"no answer yet"};
        try {
            Poll.until(deadline, "Berth to be ready with host " + host + " ONLINE (logs: " + log + ", " + serverLog()
                    + ")", () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Berth exited with " + process.exitValue() + " during start-up;"
                            + " see " + log + " and " + serverLog());
                }
                try {
                    Api.Reply health = server.get("/health/ready");
                    seen[0] = "/health/ready answered " + health.status() + " " + health.body();
                    if (health.status() != 200
                            || !health.body().contains("\"name\":\"local-agent\",\"status\":\"UP\"")) {
                        return false;
                    }
                    Api.Reply reply = admin.get("/hosts/" + host);
                    seen[0] = "GET /hosts/" + host + " answered " + reply.status() + " " + reply.body();
                    return reply.status() == 200 && "ONLINE".equals(reply.json().getString("state", null));
                } catch (UncheckedIOException notYet) {
                    seen[0] = "no connection: " + notYet.getMessage();
                    return false;
                }
            });
        } catch (AssertionError notReady) {
            // the CI machine's logs are gone once the run ends: what Berth said goes into the failure itself
            throw new AssertionError(notReady.getMessage() + "; last seen: " + seen[0] + "; the server log's"
                    + " warnings: " + warnings(serverLog(), 10), notReady);
        }
    }

    /**
     * What a server log says went wrong, for a failure's message: its first error (SEVERE) and its first warning, each
     * with the 25 lines after it (the stack trace and its causes: the first failure is often the one that matters),
     * then its last {@code count} warnings and errors, a line each.
     */
    static String warnings(Path serverLog, int count) {
        try {
            List<String> lines = Files.readAllLines(serverLog, StandardCharsets.UTF_8);
            List<Integer> marked = new ArrayList<>();
            int firstError = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("WARNING") || lines.get(i).contains("SEVERE")) {
                    marked.add(i);
                }
                if (firstError < 0 && lines.get(i).contains("SEVERE")) {
                    firstError = i;
                }
            }
            if (marked.isEmpty()) {
                return "(none)";
            }
            List<String> last = marked.subList(Math.max(0, marked.size() - count), marked.size()).stream()
                    .map(lines::get).toList();
            return (firstError < 0 ? "" : "the first error:\n" + excerpt(lines, firstError) + "\n")
                    + "the first:\n" + excerpt(lines, marked.get(0))
                    + "\nthe last " + last.size() + ":\n" + String.join("\n", last);
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static String excerpt(List<String> lines, int from) {
        return String.join("\n", lines.subList(from, Math.min(lines.size(), from + 26)));
    }

    public String host() {
        return host;
    }

    public Path dataDir() {
        return dataDir;
    }

    public int httpPort() {
        return httpPort;
    }

    /** The port of the embedded broker on 127.0.0.1. */
    public int brokerPort() {
        return brokerPort;
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** The manager's base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The REST API's base URL. */
    public String apiBase() {
        return url() + "/api";
    }

    public Api admin() {
        return as("admin", adminPassword);
    }

    public Api as(String user, String password) {
        return new Api(apiBase(), user, password);
    }

    /** The API without any login. */
    public Api anonymous() {
        return new Api(apiBase(), null, null);
    }

    /** The launcher's output so far (and Payara's, where the launcher shows it). */
    public Path log() {
        return log;
    }

    /** The server's own log (Payara, manager, agent): the current file in the data dir, rotated beside it. */
    public Path serverLog() {
        return dataDir.resolve("logs/manager.log.0");
    }

    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JVM that runs Payara Micro: the java child of the launcher script. */
    public Optional<ProcessHandle> jvm() {
        return javaOf(process);
    }

    /** A memory figure of Berth's JVM in KiB from {@code /proc/<pid>/status}, e.g. {@code VmRSS} or {@code VmHWM}. */
    public OptionalLong memoryKib(String field) {
        return jvm().map(java -> memoryKib(java.pid(), field)).orElse(OptionalLong.empty());
    }

    /** The java process among a launcher's descendants ({@code ./berth run} or {@code ./berth agent}). */
    public static Optional<ProcessHandle> javaOf(Process launcher) {
        return launcher.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java") || c.equals("java")).orElse(false))
                .findFirst();
    }

    /** A field of {@code /proc/<pid>/status} in KiB ({@code VmRSS}, {@code VmHWM}); empty off Linux or when gone. */
    public static OptionalLong memoryKib(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return OptionalLong.of(Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]));
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // not Linux, or the process is gone
        }
        return OptionalLong.empty();
    }

    /** Whether the launcher, and so Berth, is still up. */
    public boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM to the launcher, which stops the JVM; after a grace period, forcibly. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop(process);
    }

    /** SIGTERM to a launcher, which stops its JVM as Ctrl-C does; after a grace period, forcibly. */
    public static void stop(Process launcher) {
        launcher.destroy();
        try {
            if (!launcher.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                launcher.descendants().forEach(ProcessHandle::destroyForcibly);
                launcher.destroyForcibly();
                launcher.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
