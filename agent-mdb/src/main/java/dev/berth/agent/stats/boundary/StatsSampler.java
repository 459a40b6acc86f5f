package dev.berth.agent.stats.boundary;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Statistics;
import dev.berth.agent.containers.control.ContainerLabels;
import dev.berth.agent.containers.control.DockerClients;
import dev.berth.agent.heartbeat.control.Heartbeats;
import dev.berth.agent.platform.AgentConfiguration;
import dev.berth.agent.stats.control.ContainerUsage;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every {@code berth.agent.stats-seconds}: reads Docker's stats of each running container of this host's units and
 * sends them in one heartbeat. A round runs on this bean's own timer, and the next is due that period after it ends,
 * so rounds never overlap. Its Docker calls go through a client of its own (commands never wait for its
 * connections), at most {@link #AT_ONCE} at a time (Docker takes about a second for each, to read the CPU twice),
 * and a round gives up on what has not answered by {@link #ROUND_DEADLINE}: that unit is left out of the round.
 */
@Singleton
@Startup
public class StatsSampler {

    /** Stats requests in flight at once. */
    static final int AT_ONCE = 8;
    static final Duration ROUND_DEADLINE = Duration.ofSeconds(20);

    private static final Logger LOG = Logger.getLogger(StatsSampler.class.getName());

    @Resource
    TimerService timers;

    @Inject
    AgentConfiguration config;

    @Inject
    Heartbeats heartbeats;

    private DockerClient docker;

    @PostConstruct
    void schedule() {
        if (config.stats().isZero()) {
            LOG.info("units' CPU and memory are not sampled (berth.agent.stats-seconds is 0)");
            return;
        }
        docker = DockerClients.build(config.dockerHost(), AT_ONCE, Duration.ofSeconds(10));
        next();
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void round() {
        try {
            long began = System.nanoTime();
            List<UnitStats> samples = sample();
            if (!samples.isEmpty()) {
                heartbeats.send(heartbeats.observe().withUnits(samples));
            }
            LOG.fine(() -> "sampled " + samples.size() + " units in "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began) + " ms");
        } catch (RuntimeException e) {
            // the engine or the broker is away: the heartbeat says so; the next round tries again
            LOG.log(Level.FINE, "a round of samples was not sent: {0}", e.toString());
        } finally {
            next();
        }
    }

    /** One sample per running unit container of this host that answered in time. */
    List<UnitStats> sample() {
        List<Container> running = docker.listContainersCmd().withStatusFilter(List.of("running"))
                .withLabelFilter(Map.of(ContainerLabels.MANAGED, "true", ContainerLabels.HOST, config.host())).exec();
        long deadline = System.nanoTime() + ROUND_DEADLINE.toNanos();
        List<UnitStats> samples = new ArrayList<>();
        for (int from = 0; from < running.size(); from += AT_ONCE) {
            List<Reading> batch = running.subList(from, Math.min(running.size(), from + AT_ONCE)).stream()
                    .map(this::read).toList();
            for (Reading reading : batch) {
                reading.await(deadline).ifPresent(samples::add);
            }
        }
        return samples;
    }

    private Reading read(Container container) {
        long unitId = Long.parseLong(container.getLabels().get(ContainerLabels.UNIT));
        return new Reading(unitId, docker.statsCmd(container.getId()).withNoStream(true).exec(new Reading.Callback()));
    }

    /** One stats request in flight. */
    private record Reading(long unitId, Callback callback) {

        Optional<UnitStats> await(long deadline) {
            try (callback) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !callback.awaitCompletion(left, TimeUnit.NANOSECONDS)) {
                    return java.util.Optional.empty();
                }
                return ContainerUsage.of(unitId, callback.stats, Instant.now());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return java.util.Optional.empty();
            } catch (IOException e) {
                return java.util.Optional.empty();
            }
        }

        /** Keeps the one answer of a stats request without streaming. */
        static final class Callback extends ResultCallback.Adapter<Statistics> {
            private volatile Statistics stats;

            @Override
            public void onNext(Statistics object) {
                stats = object;
            }

            /** Ends the request without the template's error log: a container may stop between list and stats. */
            @Override
            public void onError(Throwable throwable) {
                stats = null;
                try {
                    close();
                } catch (IOException e) {
                    // closing a failed request: nothing left to release
                }
            }
        }
    }

    private void next() {
        timers.createSingleActionTimer(config.stats().toMillis(), new TimerConfig("stats", false));
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
