package dev.berth.protocol;

import java.time.Instant;

/**
 * What one running unit used at one moment, as its agent read it from Docker's stats of the unit's container; sent in
 * a {@link Heartbeat}'s {@code units}.
 *
 * @param unitId           the unit, from the container's label {@code berth.unit}
 * @param at               when Docker read the numbers
 * @param cpuPercent       CPU in percent of one core (200 = two cores busy), over about the second before {@code at}
 * @param memoryBytes      memory in use, without the page cache the kernel may drop (what {@code docker stats} shows)
 * @param memoryLimitBytes the container's memory limit
 */
public record UnitStats(long unitId, Instant at, double cpuPercent, long memoryBytes, long memoryLimitBytes) {
}
