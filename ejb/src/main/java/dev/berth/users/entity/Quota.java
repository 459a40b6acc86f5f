package dev.berth.users.entity;

import dev.berth.platform.entity.BerthException;

/**
 * What one user may hold in all: at most {@code maxUnits} units, and at most {@code maxMemory} for all their running
 * units together (each unit runs with the user's memory limit). A null part means no limit.
 *
 * @param maxUnits  units the user may have, null for any number
 * @param maxMemory memory all running units may use together, null for no limit
 */
public record Quota(Integer maxUnits, MemorySize maxMemory) {

    public static final Quota NONE = new Quota(null, null);

    public Quota {
        if (maxUnits != null && maxUnits < 0) {
            throw BerthException.invalid("maxUnits must be 0 or more, was " + maxUnits);
        }
    }

    public static Quota of(Integer maxUnits, String maxMemory) {
        return new Quota(maxUnits, maxMemory == null || maxMemory.isBlank() ? null
                : MemorySize.parse("maxMemory", maxMemory, MemorySize.DOCKER_MINIMUM, "Docker's minimum of 6m (6 MiB)"));
    }
}
