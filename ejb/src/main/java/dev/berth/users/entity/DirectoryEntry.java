package dev.berth.users.entity;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A user's entry in an LDAP directory as Berth reads it: where it is, its display name, its groups, and whether it is
 * locked. Two ways of locking an entry are understood: {@code nsAccountLock: true} (389 Directory Server, FreeIPA,
 * Oracle) and {@code pwdAccountLockedTime} present with any value (the password policy overlay of OpenLDAP and of
 * other servers after too many failed binds, or set by an admin; its end after {@code pwdLockoutDuration} is not
 * computed: an entry is locked while the attribute is there, which is how such servers show the lock too).
 *
 * @param dn          the entry's distinguished name, which a login binds as
 * @param displayName {@code displayName}, else {@code cn}, or null
 * @param groups      the {@code cn} of every group that lists the entry as a {@code member}
 * @param lock        why the entry is locked, if it is
 */
public record DirectoryEntry(String dn, String displayName, Set<String> groups, Optional<String> lock) {

    public DirectoryEntry {
        Objects.requireNonNull(dn);
        groups = Set.copyOf(groups);
        Objects.requireNonNull(lock);
    }

    /**
     * Why an entry with these attributes (name -> values; names in any case) is locked, if it is.
     */
    public static Optional<String> lockOf(Map<String, List<String>> attributes) {
        for (Map.Entry<String, List<String>> attribute : attributes.entrySet()) {
            String name = attribute.getKey().toLowerCase(Locale.ROOT);
            List<String> values = attribute.getValue();
            if (name.equals("nsaccountlock") && values.stream().anyMatch(v -> v.strip().equalsIgnoreCase("true"))) {
                return Optional.of("nsAccountLock=true");
            }
            if (name.equals("pwdaccountlockedtime") && !values.isEmpty()) {
                return Optional.of("pwdAccountLockedTime=" + values.get(0));
            }
        }
        return Optional.empty();
    }
}
