package dev.berth.bench;

import dev.berth.testsupport.Api;
import dev.berth.testsupport.BerthProcess;
import dev.berth.testsupport.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An agent-only process ({@code <root>/berth agent}) for one more host, joined to the benchmark's Berth: enrolled
 * through the API, its password in a file, on the same Docker engine (its units publish on 127.0.0.2 and get unit
 * networks from a range of their own). Up when the manager lists its host ONLINE; stopped by {@link #close()}.
 */
final class AgentOnly implements AutoCloseable {

    static final String ADDRESS = "127.0.0.2";
    private static final Duration BOOT_DEADLINE = Duration.ofMinutes(4);

    private final String host = "bench-agent-" + UUID.randomUUID().toString().substring(0, 8);
    private final Path dataDir;
    private final Process process;
    private boolean closed;

    AgentOnly(Path root, BerthProcess berth, Path dataDir, Path log) throws IOException {
        this.dataDir = dataDir;
        Files.createDirectories(dataDir);
        var account = berth.admin().post("/hosts/" + host + "/enrollment", "").expect(201, "enrolling " + host).json();
        Path password = dataDir.resolve("agent.password");
        Files.writeString(password, account.getString("password") + "\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        ProcessBuilder builder = new ProcessBuilder(root.resolve("berth").toString(), "agent")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("BERTH_DATA_DIR", dataDir.toString());
        env.put("BERTH_HTTP_PORT", String.valueOf(FreePorts.next()));
        env.put("BERTH_GRID_PORT", String.valueOf(FreePorts.next()));
        env.put("BERTH_BROKER_CONNECTION", "host=127.0.0.1;port=" + berth.brokerPort());
        env.put("BERTH_BROKER_AGENT_USER", account.getString("user"));
        env.put("BERTH_BROKER_AGENT_PASSWORD_FILE", password.toString());
        env.remove("BERTH_BROKER_AGENT_PASSWORD");
        env.put("BERTH_AGENT_HOST", host);
        env.put("BERTH_AGENT_ADDRESS", ADDRESS);
        env.put("BERTH_AGENT_BIND_ADDRESS", ADDRESS);
        env.put("BERTH_AGENT_MANAGER_URL", berth.url());
        env.put("BERTH_AGENT_UNIT_NETWORKS", "172.29.0.0/16");
        process = builder.start();
    }

    String host() {
        return host;
    }

    Path dataDir() {
        return dataDir;
    }

    /** Waits until the manager lists the host ONLINE. */
    void awaitOnline(Api admin) {
        long end = System.nanoTime() + BOOT_DEADLINE.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the agent exited with " + process.exitValue() + " during start-up;"
                        + " see " + dataDir.resolve("logs"));
            }
            Api.Reply reply = admin.get("/hosts/" + host);
            if (reply.status() == 200 && "ONLINE".equals(reply.json().getString("state", null))) {
                return;
            }
            if (System.nanoTime() - end > 0) {
                throw new IllegalStateException("host " + host + " not ONLINE within " + BOOT_DEADLINE.toMinutes()
                        + " min; see " + dataDir.resolve("logs"));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
    }

    /** The agent's JVM memory, as {@link BerthProcess#memoryKib(String)}. */
    OptionalLong memoryKib(String field) {
        Optional<ProcessHandle> jvm = BerthProcess.javaOf(process);
        return jvm.isEmpty() ? OptionalLong.empty() : BerthProcess.memoryKib(jvm.get().pid(), field);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        BerthProcess.stop(process);
    }
}
