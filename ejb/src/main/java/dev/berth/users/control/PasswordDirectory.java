package dev.berth.users.control;

import dev.berth.users.entity.DirectoryAnswer;

/**
 * A directory that checks a name's password and says the name's groups: Berth's LDAP client ({@link Directory}), or
 * a realm of the Payara server (in the web module, where Payara's security lives).
 */
@FunctionalInterface
public interface PasswordDirectory {

    /**
     * What the directory says of {@code name} with {@code password} (neither null, the password not empty).
     *
     * @throws DirectoryUnavailableException when it could not be asked
     */
    DirectoryAnswer check(String name, String password);
}
