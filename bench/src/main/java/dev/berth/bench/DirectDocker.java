package dev.berth.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import dev.berth.agent.containers.control.ContainerSettings;
import dev.berth.agent.containers.control.LastLogLines;
import dev.berth.agent.containers.control.Readiness;
import dev.berth.protocol.ContainerSpec;
import dev.berth.testsupport.Dockers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The baseline: a unit's container made and started straight through the Docker API, as Berth's agent makes it
 * (same image, limits, uid, hardening, mounts, port binding, environment, a network of its own and, for esProc, the
 * user's config files in a read-only directory), and nothing else: no firewall rules, no home preparation.
 */
final class DirectDocker implements AutoCloseable {

    static final String BENCH_LABEL = "berth.bench";
    /** The network the baseline's containers join, as a user's units join the user's network. */
    static final String NETWORK = "berth-bench";
    /** An unprivileged uid, as each user's units get one. */
    static final int UID = 65000;

    private final DockerClient docker;
    private final Path homes;
    private final Path share;

    DirectDocker(Path workDir) throws IOException {
        this.docker = Dockers.local();
        // what the agent prepares before it creates a container: the user's home with its subdirectories, the share
        this.homes = workDir.resolve("homes").toAbsolutePath();
        this.share = workDir.resolve("share").toAbsolutePath();
        for (UnitImage image : UnitImage.values()) {
            for (String dir : List.of("config", "data", "demo")) {
                Files.createDirectories(home(image).resolve(dir));
            }
            Files.createDirectories(configDir(image));
            for (Path dir : List.of(home(image), home(image).resolve("data"), home(image).resolve("demo"))) {
                Files.setAttribute(dir, "unix:uid", UID);
                Files.setAttribute(dir, "unix:gid", UID);
            }
        }
        Files.createDirectories(share);
        if (docker.listNetworksCmd().withNameFilter(NETWORK).exec().stream()
                .noneMatch(n -> NETWORK.equals(n.getName()))) {
            docker.createNetworkCmd().withName(NETWORK).withDriver("bridge").exec();
        }
    }

    /** The baseline's read-only configuration directory for units of {@code image}. */
    private Path configDir(UnitImage image) {
        return homes.resolveSibling("config").resolve(image.key());
    }

    /** The baseline's home for units of {@code image}, as a user's home is for Berth's units. */
    private Path home(UnitImage image) {
        return homes.resolve(image.key());
    }

    DockerClient client() {
        return docker;
    }

    /**
     * Writes the config files into the home, as the agent does before every start, then creates and starts the
     * unit's container; timed from just before the files are written: until Docker's start event, and until the unit
     * answers its image's {@link Check} (asked from the start event on, as on Berth's path). The container is removed
     * afterwards, untimed.
     *
     * @param configFiles the user's config files by name, written into the home's {@code config/}; empty for none
     */
    Timing startOnce(UnitImage image, int port, Map<String, String> configFiles, String run, StartEvents events,
                     Duration deadline) throws TimeoutException, IOException {
        String name = "berth-bench-" + port;
        ContainerSpec spec = spec(image, name, port, configFiles);
        StartEvents.Expected started = events.expect(name);
        String id = null;
        long start = System.nanoTime();
        try {
            for (Map.Entry<String, String> file : spec.files().entrySet()) {
                Files.writeString(configDir(image).resolve(file.getKey()), file.getValue());
            }
            id = docker.createContainerCmd(image.reference())
                    .withName(name)
                    .withLabels(Map.of(BENCH_LABEL, "true", BENCH_LABEL + ".run", run))
                    .withUser(ContainerSettings.user(spec))
                    .withEnv(ContainerSettings.env(spec))
                    .withExposedPorts(ExposedPort.tcp(port))
                    .withHostConfig(ContainerSettings.hostConfig(spec, "0.0.0.0", home(image), configDir(image),
                            share, NETWORK, writable(image)))
                    .exec()
                    .getId();
            docker.startContainerCmd(id).exec();
            long startedAt = started.await(start, deadline) - start;
            try (Answer.Watch watch = Answer.watch(image.check(), port, start)) {
                return new Timing(startedAt, watch.await(deadline));
            }
        } catch (TimeoutException e) {
            throw new TimeoutException(e.getMessage() + "; last log lines of " + name + ":\n" + lastLogLines(id));
        } finally {
            if (id != null) {
                remove(id);
            }
        }
    }

    /**
     * Creates and starts a unit's container of {@code image} (without config files) on {@code port} and returns at
     * once, as one of a crowd (P3): the caller times it and removes it with {@link #remove(String)}.
     */
    String createAndStart(UnitImage image, int port, String run) {
        String name = "berth-bench-" + port;
        ContainerSpec spec = spec(image, name, port, Map.of());
        String id = docker.createContainerCmd(image.reference())
                .withName(name)
                .withLabels(Map.of(BENCH_LABEL, "true", BENCH_LABEL + ".run", run))
                .withUser(ContainerSettings.user(spec))
                .withEnv(ContainerSettings.env(spec))
                .withExposedPorts(ExposedPort.tcp(port))
                .withHostConfig(ContainerSettings.hostConfig(spec, "0.0.0.0", home(image), configDir(image), share,
                        NETWORK, writable(image)))
                .exec()
                .getId();
        docker.startContainerCmd(id).exec();
        return id;
    }

    /**
     * One start, in nanoseconds from the moment the clock started.
     *
     * @param started  until Docker's start event for the container arrived
     * @param answered until the unit answered its image's {@link Check}
     */
    record Timing(long started, long answered) {
    }

    /** What the manager would send the agent for such a unit; the agent's {@link ContainerSettings} make the rest. */
    private ContainerSpec spec(UnitImage image, String name, int port, Map<String, String> configFiles) {
        return new ContainerSpec(name, image.reference(), port, image.memoryBytes(), UnitImage.CPU_SHARES,
                home(image).toString(), share.toString(), configFiles, UID, 512, 4096, List.of("127.0.0.0/8"), 0,
                List.of(), List.of());
    }

    /** The directories the image writes, from its label, as the agent reads them. */
    private String writable(UnitImage image) {
        Map<String, String> labels = docker.inspectImageCmd(image.reference()).exec().getConfig().getLabels();
        return labels == null ? null : labels.get(ContainerSettings.WRITABLE_LABEL);
    }

    /** The container's last log lines, to say why a unit did not answer; never fails. */
    private String lastLogLines(String id) {
        return id == null ? "(no container)" : LastLogLines.of(docker, id, 20);
    }

    /** Removes every container with all the given labels; returns how many. */
    int removeLabelled(Map<String, String> labels) {
        return Dockers.removeLabelled(docker, labels);
    }

    void remove(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException gone) {
            // already removed
        }
    }

    /**
     * Fails early, with the fix, when the image is not loaded, or when its label asks the agent for another readiness
     * check than the one the benchmark times (both paths must end on the same event).
     */
    void requireImage(UnitImage image) {
        Map<String, String> labels;
        try {
            labels = docker.inspectImageCmd(image.reference()).exec().getConfig().getLabels();
        } catch (NotFoundException e) {
            throw new IllegalStateException("image " + image.reference() + " is not loaded; build it with"
                    + " ./berth prepare", e);
        }
        String kind = labels == null ? null : labels.get(Readiness.LABEL);
        String asked = kind == null || kind.isBlank() ? Check.HTTP.kind() : kind.trim().toLowerCase(Locale.ROOT);
        if (!asked.equals(image.check().kind())) {
            throw new IllegalStateException("image " + image.reference() + " asks the agent for readiness check '"
                    + asked + "' (label " + Readiness.LABEL + "), the benchmark times '" + image.check().kind() + "'");
        }
    }

    @Override
    public void close() throws IOException {
        try {
            docker.removeNetworkCmd(NETWORK).exec();
        } catch (RuntimeException e) {
            // a container of an interrupted run still holds it: the next run reuses it
        }
        docker.close();
    }
}
