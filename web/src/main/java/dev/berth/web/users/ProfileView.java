package dev.berth.web.users;

import dev.berth.users.control.UnitIsolation;
import dev.berth.users.entity.Profile;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import java.util.List;

/**
 * A profile as the API shows it: the limits a directory user gets at their first login when they are in one of its
 * {@code groups} ({@code default} true: the profile of users in no profile's group); {@code allowedClients} the networks
 * that may reach their units (the profile's own, or the configured default when {@code allowedClientsDefault});
 * {@code users} those provisioned with it.
 */
public record ProfileView(String name, @JsonbProperty("default") boolean isDefault, String memory, long memoryBytes, int cpuShares,
                          Integer maxUnits, String maxMemory, List<String> allowedClients,
                          boolean allowedClientsDefault, List<String> groups, List<String> users,
                          Instant createdAt) {

    public static ProfileView of(Profile p, List<String> users, UnitIsolation isolation) {
        return new ProfileView(p.getName(), p.isDefault(), p.getMemory().text(), p.getMemory().bytes(),
                p.getCpuShares(), p.getQuota().maxUnits(),
                p.getQuota().maxMemory() == null ? null : p.getQuota().maxMemory().text(),
                p.getAllowedClients().orElseGet(isolation::defaultAllowedClients), p.getAllowedClients().isEmpty(),
                p.getGroups(), users, p.getCreatedAt());
    }
}
