package dev.berth.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.berth.agent.containers.control.ContainerSettings;
import dev.berth.protocol.ContainerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The baseline: a unit's container made and started straight through the Docker API, as Berth's agent makes it
 * (same image, limits, hardening, mounts, port binding and environment), and nothing else.
 */
final class DirectDocker implements AutoCloseable {

    static final String IMAGE = "berth/probe:1";
    static final String BENCH_LABEL = "berth.bench";
    static final long MEMORY_BYTES = 64L * 1024 * 1024;
    static final int CPU_SHARES = 512;

    private final DockerClient docker;
    private final Path home;
    private final Path share;

    DirectDocker(Path workDir) throws IOException {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withApiVersion("1.41").build();
        this.docker = DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).build());
        // what the agent prepares before it creates a container: the user's home with its subdirectories, the share
        this.home = workDir.resolve("homes").resolve("baseline").toAbsolutePath();
        this.share = workDir.resolve("share").toAbsolutePath();
        for (String dir : List.of("config", "data", "demo")) {
            Files.createDirectories(home.resolve(dir));
        }
        Files.createDirectories(share);
    }

    DockerClient client() {
        return docker;
    }

    /**
     * Creates and starts the unit's container, timed from just before create: until Docker's start event, and until
     * the unit answers HTTP (probed from the start event on, as on Berth's path). The container is removed
     * afterwards, untimed.
     */
    Timing startOnce(int port, String run, StartEvents events, Duration deadline) throws TimeoutException {
        String name = "berth-bench-" + port;
        StartEvents.Expected started = events.expect(name);
        String id = null;
        long start = System.nanoTime();
        try {
            id = docker.createContainerCmd(IMAGE)
                    .withName(name)
                    .withLabels(Map.of(BENCH_LABEL, "true", BENCH_LABEL + ".run", run))
                    .withEnv(ContainerSettings.env(spec(name, port)))
                    .withExposedPorts(ExposedPort.tcp(port))
                    .withHostConfig(hostConfig(name, port))
                    .exec()
                    .getId();
            docker.startContainerCmd(id).exec();
            long startedAt = started.await(start, deadline) - start;
            try (HttpAnswer.Watch watch = HttpAnswer.watch(port, start)) {
                return new Timing(startedAt, watch.await(deadline));
            }
        } finally {
            if (id != null) {
                remove(id);
            }
        }
    }

    /**
     * One start, in nanoseconds from the moment the clock started.
     *
     * @param started  until Docker's start event for the container arrived
     * @param answered until the unit answered HTTP
     */
    record Timing(long started, long answered) {
    }

    /** Exactly what the agent gives a unit: its own {@link ContainerSettings}. */
    private HostConfig hostConfig(String name, int port) {
        return ContainerSettings.hostConfig(spec(name, port), "0.0.0.0", share);
    }

    private ContainerSpec spec(String name, int port) {
        return new ContainerSpec(name, IMAGE, port, MEMORY_BYTES, CPU_SHARES, home.toString(), share.toString(),
                null);
    }

    /** Removes every container with all the given labels; returns how many. */
    int removeLabelled(Map<String, String> labels) {
        int removed = 0;
        for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(new HashMap<>(labels))
                .exec()) {
            remove(c.getId());
            removed++;
        }
        return removed;
    }

    private void remove(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException gone) {
            // already removed
        }
    }

    /** Fails early, with the fix, when the image is not loaded. */
    void requireImage() {
        try {
            docker.inspectImageCmd(IMAGE).exec();
        } catch (NotFoundException e) {
            throw new IllegalStateException("image " + IMAGE + " is not loaded; build it with ./berth prepare", e);
        }
    }

    @Override
    public void close() throws IOException {
        docker.close();
    }
}
