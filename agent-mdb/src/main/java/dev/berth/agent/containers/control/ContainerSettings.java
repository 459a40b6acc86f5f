package dev.berth.agent.containers.control;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import dev.berth.protocol.ContainerSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How a unit's container runs on its host: the user's limits, {@code P:P}, {@code --init}, no privileges, the three
 * mounts (share read-only), capped logs. One place, so that the benchmark's baseline runs exactly what units run.
 */
public final class ContainerSettings {

    private ContainerSettings() {
    }

    /** The container's environment: its port, and its CPU share so that the node sizes its task counts. */
    public static List<String> env(ContainerSpec spec) {
        return List.of("UNIT_PORT=" + spec.port(), "UNIT_CPU_SHARES=" + spec.cpuShares());
    }

    public static HostConfig hostConfig(ContainerSpec spec, String bindAddress, Path shareDir) {
        Path home = Path.of(spec.home());
        return HostConfig.newHostConfig()
                .withMemory(spec.memoryBytes())
                .withMemorySwap(spec.memoryBytes())
                .withCpuShares(spec.cpuShares())
                .withPortBindings(new PortBinding(Ports.Binding.bindIpAndPort(bindAddress, spec.port()),
                        ExposedPort.tcp(spec.port())))
                .withInit(true)
                .withPrivileged(false)
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withLogConfig(new LogConfig(LogConfig.LoggingType.JSON_FILE,
                        Map.of("max-size", "10m", "max-file", "3")))
                .withBinds(
                        new Bind(home.toString(), new Volume("/app")),
                        new Bind(home.resolve("demo").toString(), new Volume("/demo")),
                        new Bind(shareDir.toString(), new Volume("/share"), AccessMode.ro));
    }
}
