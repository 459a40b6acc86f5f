package dev.berth.web.units;

import dev.berth.units.entity.StatsSample;
import java.time.Instant;

/** One sample of a unit's CPU (percent of one core) and memory (bytes in use, the limit), as the API shows it. */
public record StatsView(Instant at, double cpuPercent, long memoryBytes, long memoryLimitBytes) {

    public static StatsView of(StatsSample s) {
        return new StatsView(s.getAt(), s.getCpuPercent(), s.getMemoryBytes(), s.getMemoryLimitBytes());
    }
}
