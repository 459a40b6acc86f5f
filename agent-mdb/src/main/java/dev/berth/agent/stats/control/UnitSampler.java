package dev.berth.agent.stats.control;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Statistics;
import dev.berth.agent.containers.control.ContainerLabels;
import dev.berth.protocol.UnitStats;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One round of samples: Docker's stats of each running container of one host's units, at most {@link #AT_ONCE}
 * requests at a time (Docker takes about a second for each, to read the CPU twice), giving up on what has not
 * answered by {@link #ROUND_DEADLINE} (that unit is left out of the round).
 */
public final class UnitSampler {

    /** Stats requests in flight at once. */
    public static final int AT_ONCE = 8;
    static final Duration ROUND_DEADLINE = Duration.ofSeconds(20);

    private final DockerClient docker;
    private final String host;

    /** @param docker a client of its own, with at least {@link #AT_ONCE} connections */
    public UnitSampler(DockerClient docker, String host) {
        this.docker = docker;
        this.host = host;
    }

    /** One sample per running unit container of the host that answered in time. */
    public List<UnitStats> sample() {
        List<Container> running = docker.listContainersCmd().withStatusFilter(List.of("running"))
                .withLabelFilter(Map.of(ContainerLabels.MANAGED, "true", ContainerLabels.HOST, host)).exec();
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
        return new Reading(unitId, docker.statsCmd(container.getId()).withNoStream(true).exec(new Callback()));
    }

    /** One stats request in flight. */
    private record Reading(long unitId, Callback callback) {

        Optional<UnitStats> await(long deadline) {
            try (callback) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !callback.awaitCompletion(left, TimeUnit.NANOSECONDS)) {
                    return Optional.empty();
                }
                return ContainerUsage.of(unitId, callback.stats, Instant.now());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            } catch (IOException | RuntimeException e) {
                // the container stopped or went away meanwhile: no sample this round
                return Optional.empty();
            }
        }
    }

    /** Keeps the one answer of a stats request without streaming. */
    private static final class Callback extends ResultCallback.Adapter<Statistics> {
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
