package dev.berth.users.boundary;

import dev.berth.users.entity.AppUser;
import java.util.List;

/**
 * What an admin changes of an existing user at once: alias, limits, quota, home size and the networks that may reach
 * their units. Name, role and home stay as they are; a password has its own use case.
 *
 * @param alias          shown beside the name; blank: the name
 * @param memory         limit per unit, Docker syntax ({@code 500m})
 * @param cpuShares      relative CPU weight per unit, {@link AppUser#MIN_CPU_SHARES}..{@link AppUser#MAX_CPU_SHARES}
 * @param maxUnits       quota: units the user may have; null: any number
 * @param maxMemory      quota: memory all running units may use together; null or blank: no limit
 * @param disk           size limit of the user's home on each host; null or blank: the configured default
 * @param allowedClients IPv4 networks that may reach the user's units; null: the configured default
 */
public record UserChange(String alias, String memory, Integer cpuShares, Integer maxUnits, String maxMemory,
                         String disk, List<String> allowedClients) {
}
