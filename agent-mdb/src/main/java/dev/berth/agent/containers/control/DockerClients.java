package dev.berth.agent.containers.control;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.berth.agent.platform.AgentConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.logging.Logger;

/** One Docker client per agent, made once, closed when the agent is undeployed. */
@ApplicationScoped
public class DockerClients {

    @Inject
    AgentConfiguration config;

    /** Docker 20.10 (Debian 12) speaks API 1.41; newer clients' defaults are refused. */
    static final String API_VERSION = "1.41";

    private static final Logger LOG = Logger.getLogger(DockerClients.class.getName());

    @Produces
    @ApplicationScoped
    DockerClient client() {
        return build(config.dockerHost(), 64, Duration.ofSeconds(60));
    }

    /**
     * A client of the engine at {@code dockerHost}. {@code responseTimeout} bounds every read of an answer, a
     * streamed one's too; null for none (a followed log stream may be silent for hours).
     */
    public static DockerClient build(String dockerHost, int maxConnections, Duration responseTimeout) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost)
                .withApiVersion(API_VERSION)
                .build();
        ApacheDockerHttpClient.Builder http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .maxConnections(maxConnections)
                .connectionTimeout(Duration.ofSeconds(5));
        if (responseTimeout != null) {
            http.responseTimeout(responseTimeout);
        }
        return DockerClientImpl.getInstance(config, http.build());
    }

    void close(@Disposes DockerClient client) {
        try {
            client.close();
        } catch (IOException e) {
            LOG.warning(() -> "Docker client did not close cleanly: " + e);
        }
    }
}
