package dev.berth.bench;

import dev.berth.testsupport.AgentProcess;
import dev.berth.testsupport.Api;
import dev.berth.testsupport.BerthProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

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
    private final AgentProcess agent;

    AgentOnly(Path root, BerthProcess berth, Path dataDir, Path log) throws IOException {
        this.dataDir = dataDir;
        AgentProcess.Enrollment enrollment = AgentProcess.enroll(berth.admin(), host, dataDir);
        this.agent = AgentProcess.launch(root, enrollment, dataDir, berth.brokerPort(), berth.url(), log, Map.of(
                "BERTH_AGENT_ADDRESS", ADDRESS,
                "BERTH_AGENT_BIND_ADDRESS", ADDRESS,
                "BERTH_AGENT_UNIT_NETWORKS", "172.29.0.0/16"));
    }

    String host() {
        return host;
    }

    Path dataDir() {
        return dataDir;
    }

    /** Waits until the manager lists the host ONLINE. */
    void awaitOnline(Api admin) {
        agent.awaitOnline(admin, BOOT_DEADLINE, host -> true);
    }

    /** The agent's JVM memory, as {@link BerthProcess#memoryKib(String)}. */
    OptionalLong memoryKib(String field) {
        return agent.memoryKib(field);
    }

    @Override
    public void close() {
        agent.close();
    }
}
