package dev.berth.agent.stats.boundary;

import com.github.dockerjava.api.DockerClient;
import dev.berth.agent.containers.control.DockerClients;
import dev.berth.agent.heartbeat.control.Heartbeats;
import dev.berth.agent.platform.AgentConfiguration;
import dev.berth.agent.stats.control.UnitSampler;
import dev.berth.protocol.UnitStats;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every {@code berth.agent.stats-seconds}: samples this host's running units ({@link UnitSampler}) and sends the
 * round in one heartbeat. A round runs on this bean's own timer; the next is due that period after the round began,
 * or at once when the round took longer, so rounds never overlap. Its Docker calls go through a client of its own,
 * so a command never waits for its connections.
 */
@Singleton
@Startup
public class StatsSampler {

    private static final Logger LOG = Logger.getLogger(StatsSampler.class.getName());

    @Resource
    TimerService timers;

    @Inject
    AgentConfiguration config;

    @Inject
    Heartbeats heartbeats;

    private DockerClient docker;
    private UnitSampler sampler;

    @PostConstruct
    void schedule() {
        if (config.stats().isZero()) {
            LOG.info("units' CPU and memory are not sampled (berth.agent.stats-seconds is 0)");
            return;
        }
        docker = DockerClients.build(config.dockerHost(), UnitSampler.AT_ONCE, Duration.ofSeconds(10));
        sampler = new UnitSampler(docker, config.host());
        next(0);
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void round() {
        long began = System.nanoTime();
        try {
            List<UnitStats> samples = sampler.sample();
            if (!samples.isEmpty()) {
                heartbeats.send(heartbeats.observe().withUnits(samples));
            }
            LOG.fine(() -> "sampled " + samples.size() + " units in "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began) + " ms");
        } catch (RuntimeException e) {
            // the engine or the broker is away: the plain heartbeat says so; the next round tries again
            LOG.log(Level.FINE, "a round of samples was not sent: {0}", e.toString());
        } finally {
            next(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
        }
    }

    /** @param tookMillis how long the round that ends now took */
    private void next(long tookMillis) {
        long due = Math.max(1, config.stats().toMillis() - tookMillis);
        timers.createSingleActionTimer(due, new TimerConfig("stats", false));
    }

    @PreDestroy
    void close() {
        if (docker != null) {
            try {
                docker.close();
            } catch (IOException e) {
                LOG.fine(() -> "the stats client did not close cleanly: " + e);
            }
        }
    }
}
