package dev.berth.web.users;

import dev.berth.users.control.UnitIsolation;
import dev.berth.users.entity.AppUser;
import dev.berth.users.entity.Profile;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A user as the API shows it; never the password hash. {@code uid} is what the user's units run as;
 * {@code allowedClients} the networks that may reach them (the user's own list, or the default when
 * {@code allowedClientsDefault}); {@code disk} the size limit of the user's home on each host. {@code source}:
 * {@code local} (created by an admin or an import, with a password in Berth) or {@code directory} (provisioned at a
 * first login through the directory, which alone checks their password; {@code profile} the profile they got then).
 */
public record UserView(String name, String alias, String role, String memory, long memoryBytes, int cpuShares,
                       String home, Integer maxUnits, String maxMemory, int uid, List<String> allowedClients,
                       boolean allowedClientsDefault, String disk, long diskBytes, boolean disabled,
                       Instant passwordChangedAt, Instant createdAt, String source, String profile) {

    public static UserView of(AppUser u, UnitIsolation isolation) {
        return new UserView(u.getName(), u.getAlias(), u.getRole().name(), u.getMemory(), u.getMemoryBytes(),
                u.getCpuShares(), u.getHome(), u.getMaxUnits(), u.getMaxMemory(), isolation.uid(u),
                isolation.allowedClients(u), u.getAllowedClients().isEmpty(), isolation.disk(u).text(),
                isolation.disk(u).bytes(), u.isDisabled(), u.getPasswordChangedAt(), u.getCreatedAt(),
                u.getOrigin().name().toLowerCase(Locale.ROOT), u.getProfile().map(Profile::getName).orElse(null));
    }
}
