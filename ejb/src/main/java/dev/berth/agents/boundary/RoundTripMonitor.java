package dev.berth.agents.boundary;

import dev.berth.platform.control.ManagerConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Every {@code BERTH_AGENT_PING_SECONDS} (10; 0: never): pings every ONLINE host's agent once ({@link Pings#round}),
 * so that each host's round trip is known ({@code rttMillis}, {@code berth_agent_rtt_seconds}). A round still waiting
 * for a silent agent when the next is due lets that one pass.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RoundTripMonitor {

    private static final Logger LOG = Logger.getLogger(RoundTripMonitor.class.getName());

    @Resource
    TimerService timers;

    @Inject
    ManagerConfig config;

    @EJB
    Pings pings;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        long every = config.agentPingEvery().toMillis();
        if (every > 0) {
            timers.createIntervalTimer(every, every, new TimerConfig("agent round trips", false));
        }
    }

    @Timeout
    void ping() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            pings.round();
        } catch (RuntimeException e) {
            LOG.fine(() -> "a round of pings failed: " + e);
        } finally {
            running.set(false);
        }
    }
}
