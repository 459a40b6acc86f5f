package dev.berth.users.entity;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which directory groups make a user an administrator, and which a user ({@code BERTH_LDAP_ADMIN_GROUPS},
 * {@code BERTH_LDAP_USER_GROUPS}). Group names are compared without regard to case, as directories compare them. A
 * member of an admin group is an ADMIN (whatever else they are in), of a user group a USER, of neither: no one Berth
 * lets in.
 *
 * @param adminGroups lower-case names of the groups whose members are administrators
 * @param userGroups  lower-case names of the groups whose members are users
 */
public record GroupMapping(Set<String> adminGroups, Set<String> userGroups) {

    public GroupMapping {
        adminGroups = lower(adminGroups);
        userGroups = lower(userGroups);
    }

    /** The mapping of two comma-separated lists of group names (blank entries ignored). */
    public static GroupMapping of(String adminGroups, String userGroups) {
        return new GroupMapping(split(adminGroups), split(userGroups));
    }

    /** The role of a member of {@code groups}; empty when none of them maps to a role. */
    public Optional<Role> roleOf(Collection<String> groups) {
        Set<String> lower = lower(groups);
        if (lower.stream().anyMatch(adminGroups::contains)) {
            return Optional.of(Role.ADMIN);
        }
        if (lower.stream().anyMatch(userGroups::contains)) {
            return Optional.of(Role.USER);
        }
        return Optional.empty();
    }

    /** Whether no group maps to any role (then the directory lets no one in). */
    public boolean isEmpty() {
        return adminGroups.isEmpty() && userGroups.isEmpty();
    }

    private static Set<String> split(String list) {
        return list == null ? Set.of() : Arrays.stream(list.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    private static Set<String> lower(Collection<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
