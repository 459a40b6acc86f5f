package dev.berth.agent.heartbeat.boundary;

import dev.berth.agent.heartbeat.control.Heartbeats;
import dev.berth.agent.platform.AgentConfiguration;
import dev.berth.protocol.Messages;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSRuntimeException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells the manager, at start and then every {@code berth.agent.heartbeat-seconds}, that this host's agent is alive
 * and what its Docker engine is. An engine that does not answer is reported too, with the reason.
 */
@Singleton
@Startup
public class HeartbeatSender {

    private static final Logger LOG = Logger.getLogger(HeartbeatSender.class.getName());

    @Resource
    TimerService timers;

    @Inject
    Heartbeats heartbeats;

    @Inject
    AgentConfiguration config;

    private boolean brokerReachable = true;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(0, config.heartbeat().toMillis(), new TimerConfig("heartbeat", false));
        LOG.info(() -> "agent of host " + config.host() + " consumes " + Messages.agentQueue(config.host())
                + ", heartbeat every " + config.heartbeat().toSeconds() + " s");
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void beat() {
        try {
            heartbeats.send(heartbeats.observe());
            if (!brokerReachable) {
                LOG.info("the broker answers again; heartbeats resumed");
            }
            brokerReachable = true;
        } catch (JMSRuntimeException e) {
            // the embedded broker may still be starting; the next beat tries again
            Level level = brokerReachable ? Level.WARNING : Level.FINE;
            LOG.log(level, "heartbeat not sent, will retry: {0}", e.getMessage());
            brokerReachable = false;
        }
    }
}
