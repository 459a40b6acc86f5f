package dev.berth.web.hosts;

import dev.berth.hosts.entity.Host;
import java.time.Duration;
import java.time.Instant;

/**
 * A host as the API shows it: an admin's settings, its agent's last report, and whether its agent has a broker
 * account ({@code enrolled}, issued at {@code agentKeyedAt}; never the password or its hash), and the last round trip
 * of a ping to its agent and back ({@code rttMillis}; null until measured, and when its agent did not answer the last).
 */
public record HostView(String name, String address, String state, String shareDir, int portMin, int portMax,
                       boolean manager, Integer commPort, String dockerVersion, String dockerError, int cpus,
                       long memoryBytes, Instant lastSeen, Instant registeredAt, boolean enrolled,
                       Instant agentKeyedAt, Double rttMillis) {

    public static HostView of(Host h, Duration roundTrip) {
        return new HostView(h.getName(), h.getAddress(), h.getState().name(), h.getShareDir(), h.getPortMin(),
                h.getPortMax(), h.isManager(), h.getCommPort(), h.getDockerVersion(), h.getDockerError(), h.getCpus(),
                h.getMemoryBytes(), h.getLastSeen(), h.getRegisteredAt(), h.isEnrolled(), h.getAgentKeyedAt(),
                roundTrip == null ? null : Math.round(roundTrip.toNanos() / 1e3) / 1e3);
    }
}
