package dev.berth.agents.boundary;

import dev.berth.platform.boundary.EmbeddedBroker;
import dev.berth.platform.boundary.StartupState;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness, at {@code /health} and {@code /health/live}: how many messages wait in the dead-letter queue
 * ({@code deadLetters}). Always UP: a dead letter is kept for a person to look at ({@code GET /api/dead-letters}), and
 * the manager goes on serving everything else; a restart, which a DOWN liveness asks a supervisor for, would change
 * nothing. Alert on the metric {@code berth_jms_dead_letters} instead.
 */
@Liveness
@ApplicationScoped
public class DeadLetterHealth implements HealthCheck {

    @EJB
    DeadLetterQueue queue;

    @Inject
    StartupState startup;

    @Override
    public HealthCheckResponse call() {
        if (!startup.hasRun(EmbeddedBroker.class)) {
            // the queue is asked through the broker's bean only once that has run (see StartupState)
            return HealthCheckResponse.named("dead-letters").up().withData("unknown", true).build();
        }
        try {
            return HealthCheckResponse.named("dead-letters").up().withData("deadLetters", queue.count()).build();
        } catch (RuntimeException notNow) {
            // starting, or the broker away (the broker's own check says so): nothing to count now
            return HealthCheckResponse.named("dead-letters").up().withData("unknown", true).build();
        }
    }
}
