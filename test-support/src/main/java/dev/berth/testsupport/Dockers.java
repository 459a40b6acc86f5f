package dev.berth.testsupport;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.util.HashMap;
import java.util.Map;

/** The Docker engine as tests and benchmarks reach it: docker-java at the API version Berth's agent uses. */
public final class Dockers {

    /** The oldest Docker API Berth supports (Debian 12's docker.io 20.10), as the agent asks for it. */
    public static final String API_VERSION = "1.41";

    private Dockers() {
    }

    /** A client of the engine named by {@code DOCKER_HOST}, else the local socket. */
    public static DockerClient local() {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withApiVersion(API_VERSION).build();
        return DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).build());
    }

    /** Removes, by force, every container (running or not) with all these labels; answers how many. */
    public static int removeLabelled(DockerClient docker, Map<String, String> labels) {
        int removed = 0;
        for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(new HashMap<>(labels)).exec()) {
            try {
                docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
                removed++;
            } catch (NotFoundException gone) {
                // removed meanwhile
            }
        }
        return removed;
    }
}
