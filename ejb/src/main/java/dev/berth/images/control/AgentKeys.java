package dev.berth.images.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The secret an agent keys its {@code DownloadProof} with, as the manager knows it: today one for all agents, their
 * broker password ({@code BERTH_BROKER_AGENT_PASSWORD}). With a key per host this is the one place to change.
 */
@ApplicationScoped
public class AgentKeys {

    @Inject
    @ConfigProperty(name = "berth.broker.agent-password")
    Optional<String> agentPassword;

    /** The key of {@code host}'s agent; empty when the manager does not know it (then no agent can fetch). */
    public Optional<String> of(String host) {
        return agentPassword.filter(p -> !p.isBlank());
    }
}
