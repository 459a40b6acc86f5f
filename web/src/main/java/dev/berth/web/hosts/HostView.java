package dev.berth.web.hosts;

import dev.berth.hosts.entity.Host;
import java.time.Instant;

/**
 * A host as the API shows it: an admin's settings, its agent's last report, and whether its agent has a broker
 * account ({@code enrolled}, issued at {@code agentKeyedAt}; never the password or its hash).
 */
public record HostView(String name, String address, String state, String shareDir, int portMin, int portMax,
                       boolean manager, Integer commPort, String dockerVersion, String dockerError, int cpus,
                       long memoryBytes, Instant lastSeen, Instant registeredAt, boolean enrolled,
                       Instant agentKeyedAt) {

    public static HostView of(Host h) {
        return new HostView(h.getName(), h.getAddress(), h.getState().name(), h.getShareDir(), h.getPortMin(),
                h.getPortMax(), h.isManager(), h.getCommPort(), h.getDockerVersion(), h.getDockerError(), h.getCpus(),
                h.getMemoryBytes(), h.getLastSeen(), h.getRegisteredAt(), h.isEnrolled(), h.getAgentKeyedAt());
    }
}
