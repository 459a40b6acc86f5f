package dev.berth.web.users;

import dev.berth.users.entity.AppUser;
import java.time.Instant;

/** A user as the API shows it; never the password hash. */
public record UserView(String name, String alias, String role, String memory, long memoryBytes, int cpuShares,
                       String home, Integer maxUnits, String maxMemory, boolean disabled, Instant passwordChangedAt,
                       Instant createdAt) {

    public static UserView of(AppUser u) {
        return new UserView(u.getName(), u.getAlias(), u.getRole().name(), u.getMemory(), u.getMemoryBytes(),
                u.getCpuShares(), u.getHome(), u.getMaxUnits(), u.getMaxMemory(), u.isDisabled(),
                u.getPasswordChangedAt(), u.getCreatedAt());
    }
}
