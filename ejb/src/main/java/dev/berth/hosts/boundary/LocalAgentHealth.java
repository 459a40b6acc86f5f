package dev.berth.hosts.boundary;

import dev.berth.hosts.entity.Host;
import dev.berth.hosts.entity.HostState;
import dev.berth.platform.boundary.StartupState;
import dev.berth.platform.control.ManagerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the local agent, at {@code /health/ready}: the host of the agent that runs beside the manager
 * ({@code berth.agent.host}) has reported and is ONLINE, so that a first request can define units on it. A manager
 * without a local agent has nothing to wait for. While the application starts it is DOWN without asking anything: it
 * asks the database only once the local host's enrollment has run (the schema is migrated then, and the transactions
 * a crash left in doubt are completed), and never a start-up bean ({@link StartupState}).
 */
@Readiness
@ApplicationScoped
public class LocalAgentHealth implements HealthCheck {

    @Inject
    ManagerConfig config;

    @Inject
    Hosts hosts;

    @Inject
    StartupState startup;

    @Override
    public HealthCheckResponse call() {
        if (config.localAgentHost().isEmpty()) {
            return HealthCheckResponse.up("local-agent");
        }
        if (!startup.hasRun(LocalHostEnrollment.class)) {
            return HealthCheckResponse.named("local-agent").down().withData("starting", true).build();
        }
        try {
            boolean online = hosts.find(config.localAgentHost().get()).map(Host::getState)
                    .filter(HostState.ONLINE::equals).isPresent();
            return HealthCheckResponse.named("local-agent").status(online).build();
        } catch (RuntimeException unavailable) {
            // the database away (its own check says so), or the application stopping
            return HealthCheckResponse.down("local-agent");
        }
    }
}
