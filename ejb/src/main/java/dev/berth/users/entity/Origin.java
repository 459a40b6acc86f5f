package dev.berth.users.entity;

/** Where a user comes from, and so who verifies their password. */
public enum Origin {
    /** Created by an admin or an import; Berth keeps the password's hash and verifies it. */
    LOCAL,
    /** Provisioned at a first login through the directory (LDAP, or a Payara realm), which alone verifies them. */
    DIRECTORY
}
