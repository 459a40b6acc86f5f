package dev.berth.platform.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness, at {@code /health/ready}: the broker this manager runs is up (a standalone one is not checked here).
 * DOWN while the application starts (the container refuses calls to the broker's bean until then).
 */
@Readiness
@ApplicationScoped
public class BrokerHealth implements HealthCheck {

    @Inject
    EmbeddedBroker broker;

    @Override
    public HealthCheckResponse call() {
        try {
            return HealthCheckResponse.named("broker").status(broker.active()).withData("embedded", broker.embedded())
                    .build();
        } catch (RuntimeException starting) {
            return HealthCheckResponse.named("broker").down().withData("starting", true).build();
        }
    }
}
