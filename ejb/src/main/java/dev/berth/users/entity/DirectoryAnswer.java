package dev.berth.users.entity;

import java.util.Objects;
import java.util.Set;

/**
 * What a directory (LDAP, or a Payara realm) said of a name and a password.
 *
 * @param verdict     whether it let the name in, and if not why
 * @param groups      the groups of an accepted name, as the directory names them
 * @param displayName an accepted name's display name (LDAP {@code displayName} or {@code cn}), or null
 * @param detail      for a refusal, what the audit trail says of it (e.g. {@code nsAccountLock=true})
 */
public record DirectoryAnswer(Verdict verdict, Set<String> groups, String displayName, String detail) {

    /** What the directory decided. */
    public enum Verdict {
        /** the password is the name's and the entry is not locked */
        ACCEPTED,
        /** the directory knows the name, and this is not its password */
        WRONG_PASSWORD,
        /** the directory has no entry of that name */
        UNKNOWN,
        /** a wrong password or an unknown name: the directory (a realm) does not say which */
        REFUSED,
        /** the entry is locked or disabled in the directory */
        LOCKED
    }

    public DirectoryAnswer {
        Objects.requireNonNull(verdict);
        groups = groups == null ? Set.of() : Set.copyOf(groups);
    }

    public static DirectoryAnswer accepted(Set<String> groups, String displayName) {
        return new DirectoryAnswer(Verdict.ACCEPTED, groups, displayName, null);
    }

    public static DirectoryAnswer wrongPassword() {
        return new DirectoryAnswer(Verdict.WRONG_PASSWORD, null, null, "wrong password");
    }

    public static DirectoryAnswer unknown() {
        return new DirectoryAnswer(Verdict.UNKNOWN, null, null, "not in the directory");
    }

    public static DirectoryAnswer refused(String detail) {
        return new DirectoryAnswer(Verdict.REFUSED, null, null, detail);
    }

    public static DirectoryAnswer locked(String why) {
        return new DirectoryAnswer(Verdict.LOCKED, null, null, "locked in the directory (" + why + ")");
    }
}
