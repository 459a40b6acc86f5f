package dev.berth.users.control;

import dev.berth.platform.control.ManagerConfig;
import dev.berth.platform.entity.BerthException;
import dev.berth.protocol.Cidr;
import dev.berth.users.entity.AppUser;
import dev.berth.users.entity.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * How a user's units are kept apart from the host, from Berth and from other users: the uid they run as, their
 * process and open-file limits, and the client networks that may reach their ports. Each default is written here
 * once; the agent turns these into container settings and firewall rules.
 */
@ApplicationScoped
public class UnitIsolation {

    @Inject
    ManagerConfig config;

    /** More allowed networks than this is a sign of a mistake, and each costs a firewall rule. */
    public static final int MAX_ALLOWED_CLIENTS = 32;

    /** A home file system smaller than this has no room for its own bookkeeping. */
    public static final long MIN_DISK_BYTES = 16L * 1024 * 1024;

    /**
     * The user's own uid and gid: the uid base plus the user's id, so the same on every host and never shared. With
     * user-namespace remapping the engine maps it once more (see docs/isolation.md).
     */
    public int uid(AppUser user) {
        return config.unitUidBase() + Math.toIntExact(user.getId());
    }

    public int pidsLimit() {
        return config.unitPidsLimit();
    }

    public int nofileLimit() {
        return config.unitNofileLimit();
    }

    /** The size limit of the user's home on each host: the user's own, else the configured default. */
    public MemorySize disk(AppUser user) {
        return user.getDisk().orElseGet(() -> parseDisk(config.unitDisk()));
    }

    /**
     * A home size limit.
     *
     * @throws BerthException (400) when it is no size or below 16m
     */
    public static MemorySize parseDisk(String text) {
        return MemorySize.parse("disk", text, MIN_DISK_BYTES, "16m, the least a home's file system needs");
    }

    /** The networks that may reach the user's units: the user's own list, else the configured default. */
    public List<String> allowedClients(AppUser user) {
        return user.getAllowedClients().orElseGet(this::defaultAllowedClients);
    }

    /** The networks that may reach units of users without a list of their own ({@code BERTH_UNIT_ALLOWED_CLIENTS}). */
    public List<String> defaultAllowedClients() {
        return normalised(split(config.unitAllowedClients()));
    }

    /**
     * A list of networks in canonical form, duplicates dropped.
     *
     * @throws BerthException (400) naming the entry that is not an IPv4 network, or when there are too many
     */
    public static List<String> normalised(List<String> networks) {
        if (networks == null) {
            throw BerthException.invalid("allowedClients is missing: give a list of IPv4 networks, e.g."
                    + " [\"127.0.0.0/8\",\"10.1.0.0/16\"]; an empty list lets only the user's own units in");
        }
        if (networks.size() > MAX_ALLOWED_CLIENTS) {
            throw BerthException.invalid("allowedClients has " + networks.size() + " networks, more than "
                    + MAX_ALLOWED_CLIENTS + "; merge them into wider ones");
        }
        LinkedHashSet<String> canonical = new LinkedHashSet<>();
        for (String network : networks) {
            try {
                canonical.add(Cidr.parse(network).toString());
            } catch (IllegalArgumentException e) {
                throw BerthException.invalid("allowedClients: " + e.getMessage());
            }
        }
        return List.copyOf(canonical);
    }

    private static List<String> split(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
