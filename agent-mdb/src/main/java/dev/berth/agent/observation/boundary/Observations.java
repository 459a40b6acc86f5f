package dev.berth.agent.observation.boundary;

import dev.berth.agent.observation.control.ContainerInventory;
import dev.berth.agent.platform.AgentConfiguration;
import dev.berth.agent.platform.AgentJms;
import dev.berth.protocol.ContainerReport;
import dev.berth.protocol.MessageType;
import dev.berth.protocol.Messages;
import dev.berth.protocol.Observation;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Looks at this host's containers and tells the manager, on {@code berth.results}. The time of an observation is
 * taken before the agent looks, so that the manager never lets it override a result the agent sent later.
 * Called from the inventory timer and from the engine's event thread (an EJB may be called from any thread).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Observations {

    @Inject
    ContainerInventory inventory;

    @Inject
    AgentConfiguration config;

    @Inject
    @JMSConnectionFactory(AgentJms.CONNECTION_FACTORY)
    JMSContext jms;

    /**
     * Sends a whole inventory.
     *
     * @throws RuntimeException when the engine or the broker does not answer (the caller tries again)
     */
    public int inventory(String cause) {
        Instant at = Instant.now();
        List<ContainerReport> reports = inventory.all();
        send(new Observation(Messages.VERSION, config.host(), true, cause, reports, at));
        return reports.size();
    }

    /** Sends what one engine event shows of its container: as it is now, or gone. */
    public void event(String action, String containerId, Map<String, String> labels) {
        Instant at = Instant.now();
        Optional<ContainerReport> report = "destroy".equals(action) ? inventory.removed(containerId, labels)
                : inventory.one(containerId, "die".equals(action));
        report.ifPresent(r -> send(new Observation(Messages.VERSION, config.host(), false, action, List.of(r), at)));
    }

    private void send(Observation observation) {
        jms.createProducer().send(jms.createQueue(Messages.RESULTS_QUEUE),
                Messages.text(jms, MessageType.OBSERVATION, observation, Map.of(Messages.HOST, observation.host())));
    }
}
