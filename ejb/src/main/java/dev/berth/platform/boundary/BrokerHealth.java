package dev.berth.platform.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness, at {@code /health/ready}: the broker this manager runs is up (a standalone one is not checked here).
 * DOWN while the application starts: the broker's bean is asked only once it has run ({@link StartupState}).
 */
@Readiness
@ApplicationScoped
public class BrokerHealth implements HealthCheck {

    @Inject
    EmbeddedBroker broker;

    @Inject
    StartupState startup;

    @Override
    public HealthCheckResponse call() {
        if (!startup.hasRun(EmbeddedBroker.class)) {
            return HealthCheckResponse.named("broker").down().withData("starting", true).build();
        }
        try {
            return HealthCheckResponse.named("broker").status(broker.active()).withData("embedded", broker.embedded())
                    .build();
        } catch (RuntimeException stopping) {
            // the application is being stopped
            return HealthCheckResponse.down("broker");
        }
    }
}
