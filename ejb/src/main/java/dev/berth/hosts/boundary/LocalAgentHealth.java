package dev.berth.hosts.boundary;

import dev.berth.hosts.entity.Host;
import dev.berth.hosts.entity.HostState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the local agent, at {@code /health/ready}: the host of the agent that runs beside the manager
 * ({@code berth.agent.host}) has reported and is ONLINE, so that a first request can define units on it. A manager
 * without a local agent has nothing to wait for.
 */
@Readiness
@ApplicationScoped
public class LocalAgentHealth implements HealthCheck {

    @Inject
    @ConfigProperty(name = "berth.agent.host")
    Optional<String> localHost;

    @Inject
    Hosts hosts;

    @Override
    public HealthCheckResponse call() {
        if (localHost.filter(h -> !h.isBlank()).isEmpty()) {
            return HealthCheckResponse.up("local-agent");
        }
        boolean online = hosts.find(localHost.get()).map(Host::getState).filter(HostState.ONLINE::equals)
                .isPresent();
        return HealthCheckResponse.named("local-agent").status(online).build();
    }
}
