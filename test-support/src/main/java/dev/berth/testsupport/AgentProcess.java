package dev.berth.testsupport;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * An agent-only process ({@code ./berth agent}) for one more host of a running Berth, started as an operator starts
 * one: the host enrolled through the API, its broker password in an owner-only file of the agent's data directory,
 * never in the environment or on a command line; stopped again by {@link #close()}. For fault injection it can be
 * killed ({@link #kill()}), frozen and thawed ({@link #pause()}, {@link #resume()}) and started again on the same
 * data directory ({@link #launchAgain()}).
 */
public final class AgentProcess implements AutoCloseable {

    private final String host;
    private final Path log;
    private final Process process;
    private final Relaunch relaunch;
    private boolean closed;

    private AgentProcess(String host, Path log, Process process, Relaunch relaunch) {
        this.host = host;
        this.log = log;
        this.process = process;
        this.relaunch = relaunch;
    }

    /** What {@link #launchAgain()} starts the agent with: the arguments of its first launch. */
    private record Relaunch(Path root, Enrollment enrollment, Path dataDir, int brokerPort, String managerUrl,
                            Map<String, String> settings) {
    }

    /** A host's broker account as its enrollment answered it, the password already in an owner-only file. */
    public record Enrollment(String host, String user, Path passwordFile) {
    }

    /**
     * Enrolls {@code host} as the admin (again: a new password, the old one revoked) and writes its password to
     * {@code <dataDir>/agent.password}.
     */
    public static Enrollment enroll(Api admin, String host, Path dataDir) throws IOException {
        JsonObject account = admin.post("/hosts/" + host + "/enrollment", "").expect(201, "enrolling " + host).json();
        Files.createDirectories(dataDir);
        Path password = dataDir.resolve("agent.password");
        Files.writeString(password, account.getString("password") + "\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        return new Enrollment(host, account.getString("user"), password);
    }

    /**
     * Launches the agent of an enrolled host against the broker at 127.0.0.1:{@code brokerPort}, with a data
     * directory, HTTP and grid ports of its own, its output appended to {@code log}; returns at once.
     *
     * @param managerUrl where the agent fetches uploaded image tars
     * @param settings   more environment ({@code BERTH_AGENT_ADDRESS}, {@code BERTH_AGENT_BIND_ADDRESS},
     *                   {@code BERTH_AGENT_UNIT_NETWORKS}, {@code BERTH_DOCKER_HOST}, ...)
     */
    public static AgentProcess launch(Path root, Enrollment enrollment, Path dataDir, int brokerPort, String managerUrl,
                                      Path log, Map<String, String> settings) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(root.resolve("berth").toString(), "agent")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("BERTH_DATA_DIR", dataDir.toString());
        env.put("BERTH_HTTP_PORT", String.valueOf(FreePorts.next()));
        env.put("BERTH_GRID_PORT", String.valueOf(FreePorts.next()));
        env.put("BERTH_BROKER_CONNECTION", "host=127.0.0.1;port=" + brokerPort);
        env.put("BERTH_BROKER_AGENT_USER", enrollment.user());
        env.put("BERTH_BROKER_AGENT_PASSWORD_FILE", enrollment.passwordFile().toString());
        env.remove("BERTH_BROKER_AGENT_PASSWORD");
        env.put("BERTH_AGENT_HOST", enrollment.host());
        env.put("BERTH_AGENT_MANAGER_URL", managerUrl);
        env.putAll(settings);
        return new AgentProcess(enrollment.host(), log, builder.start(),
                new Relaunch(root, enrollment, dataDir, brokerPort, managerUrl, Map.copyOf(settings)));
    }

    /**
     * Launches the agent again after it ended ({@link #kill()}, {@link #close()}): the same host, account, data
     * directory and settings (new HTTP and grid ports), its output appended to the same log; returns at once.
     */
    public AgentProcess launchAgain() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException("the agent of " + host + " still runs: kill or close it first");
        }
        return launch(relaunch.root(), relaunch.enrollment(), relaunch.dataDir(), relaunch.brokerPort(),
                relaunch.managerUrl(), log, relaunch.settings());
    }

    /** Ends the agent as a crash or {@code kill -9} does (its JVM and launcher at once); returns once both are gone. */
    public synchronized void kill() {
        closed = true;
        BerthProcess.killForcibly(process);
    }

    /**
     * Freezes the agent's JVM ({@code SIGSTOP}): it neither beats nor answers, its connections stay open, as a hung
     * or partitioned host's would; {@link #resume()} thaws it.
     */
    public void pause() {
        signal("STOP");
    }

    /** Thaws a frozen agent ({@code SIGCONT}). */
    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        long pid = BerthProcess.javaOf(process).orElseThrow(() -> new IllegalStateException(
                "the agent of " + host + " has no JVM to signal (log: " + log + ")")).pid();
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(pid)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Returns once the admin sees the host ONLINE and {@code also} holds for its record (e.g. a new heartbeat, its
     * engine's version); throws, pointing at the log, when the agent exits first or the deadline passes.
     */
    public JsonObject awaitOnline(Api admin, Duration deadline, Predicate<JsonObject> also) {
        JsonObject[] seen = new JsonObject[1];
        Poll.until(deadline, "host " + host + " to be ONLINE (log: " + log + ")", () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the agent of " + host + " exited with " + process.exitValue()
                        + "; see " + log);
            }
            Api.Reply reply = admin.get("/hosts/" + host);
            if (reply.status() != 200) {
                return false;
            }
            seen[0] = reply.json();
            return "ONLINE".equals(seen[0].getString("state", null)) && also.test(seen[0]);
        });
        return seen[0];
    }

    public String host() {
        return host;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** A memory figure of the agent's JVM in KiB ({@code VmRSS}, {@code VmHWM}). */
    public OptionalLong memoryKib(String field) {
        return BerthProcess.javaOf(process).map(java -> BerthProcess.memoryKib(java.pid(), field))
                .orElse(OptionalLong.empty());
    }

    /** Stops the agent as Ctrl-C does (TERM; forcibly after a grace period). Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        BerthProcess.stop(process);
    }
}
