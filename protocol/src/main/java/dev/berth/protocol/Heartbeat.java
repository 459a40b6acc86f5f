package dev.berth.protocol;

import java.time.Instant;

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
 */
public record Heartbeat(int version, String host, String address, String dockerVersion, int cpus, long memoryBytes,
                        String dockerError, Instant at) {
}
