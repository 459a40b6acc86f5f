package dev.berth.images.control;

import dev.berth.protocol.DownloadProof;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks an agent's {@link DownloadProof}: the HMAC of upload and host, keyed with the agent's secret as the manager
 * knows it. Today that is one secret for all agents, their broker password ({@code BERTH_BROKER_AGENT_PASSWORD});
 * where hosts get secrets of their own, this is the one place that changes.
 */
@ApplicationScoped
public class AgentKeys {

    @Inject
    @ConfigProperty(name = "berth.broker.agent-password")
    Optional<String> agentPassword;

    /** Whether {@code proof} shows that the agent of {@code host} asks for {@code upload}. */
    public boolean proves(String host, String upload, String proof) {
        return agentPassword.filter(key -> !key.isBlank())
                .filter(key -> DownloadProof.holds(proof, key, upload, host)).isPresent();
    }
}
