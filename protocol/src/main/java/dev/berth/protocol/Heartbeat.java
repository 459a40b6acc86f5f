package dev.berth.protocol;

import java.time.Instant;
import java.util.List;

/**
 * An agent's periodic "alive" message, on queue {@code berth.results}; it registers the host on first sight.
 *
 * @param version       {@link Messages#VERSION}
 * @param host          the agent's host name (its queue is {@code berth.agent.<host>})
 * @param address       the address under which the host's units are reached
 * @param dockerVersion the engine's version, null when the engine does not answer
 * @param cpus          CPUs the engine reports
 * @param memoryBytes   memory the engine reports
 * @param dockerError   why the engine did not answer, null when it did
 * @param at            when the agent sent it
 * @param units         one sample per running unit of the host when the heartbeat ends a round of sampling; null or
 *                      empty for a plain heartbeat (and from agents before the field came: a manager that does not
 *                      know it ignores it, so either side may be upgraded first)
 */
public record Heartbeat(int version, String host, String address, String dockerVersion, int cpus, long memoryBytes,
                        String dockerError, Instant at, List<UnitStats> units) {

    /** The same heartbeat carrying a round's samples. */
    public Heartbeat withUnits(List<UnitStats> samples) {
        return new Heartbeat(version, host, address, dockerVersion, cpus, memoryBytes, dockerError, at,
                List.copyOf(samples));
    }

    /** The samples it carries; empty for a plain heartbeat. */
    public List<UnitStats> samples() {
        return units == null ? List.of() : units;
    }
}
