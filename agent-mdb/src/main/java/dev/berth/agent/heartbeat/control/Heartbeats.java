package dev.berth.agent.heartbeat.control;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import dev.berth.agent.platform.AgentConfiguration;
import dev.berth.agent.platform.AgentJms;
import dev.berth.protocol.Heartbeat;
import dev.berth.protocol.MessageType;
import dev.berth.protocol.Messages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import java.time.Instant;
import java.util.Map;

/**
 * This host's heartbeat: what its Docker engine says (or why it does not answer), sent to {@code berth.results}.
 * The heartbeat timer sends one plain; a round of sampling sends one carrying its samples.
 */
@ApplicationScoped
public class Heartbeats {

    @Inject
    DockerClient docker;

    @Inject
    AgentConfiguration config;

    @Inject
    @JMSConnectionFactory(AgentJms.CONNECTION_FACTORY)
    JMSContext jms;

    /** A heartbeat of now, without samples. */
    public Heartbeat observe() {
        try {
            Info info = docker.infoCmd().exec();
            return new Heartbeat(Messages.VERSION, config.host(), config.address(), info.getServerVersion(),
                    info.getNCPU() == null ? 0 : info.getNCPU(),
                    info.getMemTotal() == null ? 0 : info.getMemTotal(), null, Instant.now(), null);
        } catch (RuntimeException e) {
            return new Heartbeat(Messages.VERSION, config.host(), config.address(), null, 0, 0,
                    "the Docker engine does not answer: " + e.getMessage(), Instant.now(), null);
        }
    }

    /**
     * Sends it.
     *
     * @throws JMSRuntimeException when the broker does not take it (it may still be starting)
     */
    public void send(Heartbeat heartbeat) {
        jms.createProducer().send(jms.createQueue(Messages.RESULTS_QUEUE),
                Messages.text(jms, MessageType.HEARTBEAT, heartbeat, Map.of(Messages.HOST, heartbeat.host())));
    }
}
