package dev.berth.web.hosts;

import dev.berth.hosts.entity.Host;
import java.time.Instant;

/** A host as the API shows it: an admin's settings and its agent's last report. */
public record HostView(String name, String address, String state, String shareDir, int portMin, int portMax,
                       boolean manager, Integer commPort, String dockerVersion, String dockerError, int cpus,
                       long memoryBytes, Instant lastSeen, Instant registeredAt) {

    public static HostView of(Host h) {
        return new HostView(h.getName(), h.getAddress(), h.getState().name(), h.getShareDir(), h.getPortMin(),
                h.getPortMax(), h.isManager(), h.getCommPort(), h.getDockerVersion(), h.getDockerError(), h.getCpus(),
                h.getMemoryBytes(), h.getLastSeen(), h.getRegisteredAt());
    }
}
