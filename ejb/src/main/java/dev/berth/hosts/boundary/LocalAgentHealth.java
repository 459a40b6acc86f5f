package dev.berth.hosts.boundary;

import dev.berth.hosts.entity.Host;
import dev.berth.hosts.entity.HostState;
import dev.berth.platform.boundary.SchemaMigration;
import dev.berth.platform.control.ManagerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the local agent, at {@code /health/ready}: the host of the agent that runs beside the manager
 * ({@code berth.agent.host}) has reported and is ONLINE, so that a first request can define units on it. A manager
 * without a local agent has nothing to wait for. While the application starts it is DOWN without asking the database
 * (before the schema exists a query would fail, and a failing check is logged as a warning at every poll).
 */
@Readiness
@ApplicationScoped
public class LocalAgentHealth implements HealthCheck {

    @Inject
    ManagerConfig config;

    @Inject
    Hosts hosts;

    @Inject
    SchemaMigration schema;

    @Override
    public HealthCheckResponse call() {
        if (config.localAgentHost().isEmpty()) {
            return HealthCheckResponse.up("local-agent");
        }
        try {
            boolean online = schema.migrated() && hosts.find(config.localAgentHost().get()).map(Host::getState)
                    .filter(HostState.ONLINE::equals).isPresent();
            return HealthCheckResponse.named("local-agent").status(online).build();
        } catch (RuntimeException starting) {
            // the container refuses calls until the application has started
            return HealthCheckResponse.named("local-agent").down().withData("starting", true).build();
        }
    }
}
