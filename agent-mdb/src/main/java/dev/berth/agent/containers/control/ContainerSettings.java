package dev.berth.agent.containers.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Ulimit;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.core.DockerClientConfig;
import dev.berth.protocol.ContainerSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a unit's container runs on its host: the user's limits, {@code P:P}, {@code --init}, the user's own uid, no
 * privileges, a read-only root file system, its network, and the mounts: the home at {@code /app}, the configuration
 * read-only at {@code /app/config}, the share read-only at {@code /share}. One place, so that the benchmark's baseline
 * runs exactly what units run, and so that the config hash covers them: {@link #describe} is what Docker is given, so a
 * changed rule or agent setting (bind address, limits, mounts, tmpfs, ...) recreates existing containers at their next
 * start.
 */
public final class ContainerSettings {

    /**
     * The rules' version, also a container label ({@link ContainerLabels#SETTINGS}) for people to see. Changed whenever
     * the rules change in a way the container's settings do not show (what the start script may rely on, the files
     * the agent writes), so that containers made by earlier rules are made again; changes the settings show need no
     * new version, {@link #describe} covers them.
     */
    public static final String VERSION = "isolation-2";
    /**
     * How the host settings are written for the hash: as Docker is given them. Made once: docker-java's getter
     * copies its mapper at every call, whose empty caches then build every serializer again (a tenth of the agent's
     * CPU in a crowd of starts).
     */
    private static final ObjectWriter SETTINGS_JSON = DockerClientConfig.getDefaultObjectMapper().writer();
    /**
     * Image label: the directories the image's process writes besides {@code /tmp}, comma-separated (the root file
     * system is read-only; each gets a tmpfs of the unit's own).
     */
    public static final String WRITABLE_LABEL = "berth.writable";

    private static final long MAX_TMPFS_BYTES = 256L * 1024 * 1024;

    private ContainerSettings() {
    }

    /** The container's environment: its port, its CPU share (the node sizes its task counts) and its home. */
    public static List<String> env(ContainerSpec spec) {
        return List.of("UNIT_PORT=" + spec.port(), "UNIT_CPU_SHARES=" + spec.cpuShares(), "HOME=/app");
    }

    /** The user and group the unit's processes run as: the user's own uid, never root. */
    public static String user(ContainerSpec spec) {
        return spec.uid() + ":" + spec.uid();
    }

    /**
     * @param home      the home's real path (see the agent's unit files)
     * @param configDir the agent's directory with the unit's configuration files
     * @param network   the user's network on this host
     * @param writable  what the image's label {@link #WRITABLE_LABEL} names, or null
     */
    public static HostConfig hostConfig(ContainerSpec spec, String bindAddress, Path home, Path configDir,
                                        Path shareDir, String network, String writable) {
        return HostConfig.newHostConfig()
                .withMemory(spec.memoryBytes())
                .withMemorySwap(spec.memoryBytes())
                .withCpuShares(spec.cpuShares())
                .withPidsLimit((long) spec.pidsLimit())
                .withUlimits(List.of(new Ulimit("nofile", spec.nofileLimit(), spec.nofileLimit())))
                .withPortBindings(new PortBinding(Ports.Binding.bindIpAndPort(bindAddress, spec.port()),
                        ExposedPort.tcp(spec.port())))
                .withNetworkMode(network)
                .withInit(true)
                .withPrivileged(false)
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withReadonlyRootfs(true)
                .withTmpFs(tmpfs(spec, writable))
                .withLogConfig(new LogConfig(LogConfig.LoggingType.JSON_FILE,
                        Map.of("max-size", "10m", "max-file", "3")))
                .withBinds(
                        new Bind(home.toString(), new Volume("/app")),
                        new Bind(configDir.toString(), new Volume("/app/config"), AccessMode.ro),
                        new Bind(shareDir.toString(), new Volume("/share"), AccessMode.ro));
    }

    /**
     * Everything the container is made from but its labels, in a fixed order: the rules' {@link #VERSION}, the image,
     * name, user, environment, port and the host settings exactly as docker-java sends them to the engine.
     */
    public static String describe(ContainerSpec spec, HostConfig settings) {
        try {
            String host = SETTINGS_JSON.writeValueAsString(settings);
            return String.join("\n", VERSION, spec.image(), spec.name(), user(spec), String.join(",", env(spec)),
                    String.valueOf(spec.port()), host);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the container settings cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    /** {@code /tmp} and the image's writable directories, owned by the unit's uid, no devices, no set-uid. */
    static Map<String, String> tmpfs(ContainerSpec spec, String writable) {
        long size = Math.min(spec.memoryBytes(), MAX_TMPFS_BYTES);
        String options = "rw,nosuid,nodev,size=" + size + ",uid=" + spec.uid() + ",gid=" + spec.uid() + ",mode=0700";
        Map<String, String> mounts = new LinkedHashMap<>();
        mounts.put("/tmp", options);
        if (writable != null) {
            Arrays.stream(writable.split(",")).map(String::strip)
                    .filter(dir -> dir.matches("/[A-Za-z0-9_./-]{1,200}") && !dir.contains(".."))
                    .filter(dir -> !dir.equals("/app") && !dir.startsWith("/app/") && !dir.startsWith("/share"))
                    .forEach(dir -> mounts.put(dir, options));
        }
        return mounts;
    }
}
