package dev.berth.agent.stats.control;

import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.StatsConfig;
import dev.berth.protocol.UnitStats;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * One container's stats as one unit's sample, computed as {@code docker stats} computes its columns:
 * <ul>
 * <li>CPU: the container's CPU time over the host's CPU time between two readings, times the CPUs online, in percent
 * (100 = one core busy). Docker's answer to a stats request without streaming carries both readings ({@code
 * cpu_stats} and, a second earlier, {@code precpu_stats}).</li>
 * <li>Memory: the usage less the inactive file pages the kernel may drop at any time ({@code total_inactive_file} on
 * cgroup v1, {@code inactive_file} on v2), and the container's limit.</li>
 * </ul>
 */
public final class ContainerUsage {

    private ContainerUsage() {
    }

    /**
     * The sample of unit {@code unitId} from {@code stats}; empty when Docker's answer lacks a reading (a container
     * that stopped meanwhile answers with zeros).
     *
     * @param readAt when the answer came, used when Docker's own time of the reading is missing
     */
    public static Optional<UnitStats> of(long unitId, Statistics stats, Instant readAt) {
        if (stats == null || stats.getMemoryStats() == null || stats.getMemoryStats().getUsage() == null) {
            return Optional.empty();
        }
        return cpuPercent(stats.getPreCpuStats(), stats.getCpuStats()).map(cpu -> new UnitStats(unitId,
                time(stats.getRead(), readAt), cpu, memoryUsed(stats.getMemoryStats()),
                orZero(stats.getMemoryStats().getLimit())));
    }

    /**
     * CPU in percent of one core between two readings; empty when either lacks the host's CPU time or the host's
     * time did not advance (Docker's first reading of a container, or a stopped one).
     */
    static Optional<Double> cpuPercent(CpuStatsConfig before, CpuStatsConfig after) {
        if (before == null || after == null || before.getCpuUsage() == null || after.getCpuUsage() == null) {
            return Optional.empty();
        }
        long hostBefore = orZero(before.getSystemCpuUsage());
        long hostAfter = orZero(after.getSystemCpuUsage());
        if (hostBefore == 0 || hostAfter <= hostBefore) {
            return Optional.empty();
        }
        long container = orZero(after.getCpuUsage().getTotalUsage()) - orZero(before.getCpuUsage().getTotalUsage());
        if (container <= 0) {
            return Optional.of(0.0);
        }
        return Optional.of(100.0 * container / (hostAfter - hostBefore) * onlineCpus(after));
    }

    /** The CPUs the reading covers: Docker's {@code online_cpus}, or (older engines, cgroup v1) one per per-CPU time. */
    private static long onlineCpus(CpuStatsConfig reading) {
        long online = orZero(reading.getOnlineCpus());
        if (online > 0) {
            return online;
        }
        List<Long> perCpu = reading.getCpuUsage().getPercpuUsage();
        return perCpu == null || perCpu.isEmpty() ? 1 : perCpu.size();
    }

    /** The usage less the inactive file cache: cgroup v1 reports {@code total_inactive_file}, v2 {@code inactive_file}. */
    static long memoryUsed(MemoryStatsConfig memory) {
        long usage = orZero(memory.getUsage());
        StatsConfig detail = memory.getStats();
        if (detail == null) {
            return usage;
        }
        Long cache = detail.getTotalInactiveFile() != null ? detail.getTotalInactiveFile() : detail.getInactiveFile();
        return cache != null && cache < usage ? usage - cache : usage;
    }

    private static Instant time(String read, Instant fallback) {
        try {
            Instant at = read == null ? null : Instant.parse(read);
            // an answer without a reading carries Go's zero time
            return at == null || at.isBefore(Instant.EPOCH) ? fallback : at;
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
