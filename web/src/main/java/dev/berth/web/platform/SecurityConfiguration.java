package dev.berth.web.platform;

import dev.berth.users.control.PasswordHashing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import jakarta.security.enterprise.identitystore.DatabaseIdentityStoreDefinition;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

/**
 * Login for the API: HTTP Basic, checked against the PBKDF2 hashes in the user table; the user's role is their group.
 */
@BasicAuthenticationMechanismDefinition(realmName = "berth")
@DatabaseIdentityStoreDefinition(
        dataSourceLookup = "java:app/jdbc/berth",
        callerQuery = "select password_hash from app_user where name = ?",
        groupsQuery = "select role from app_user where name = ?",
        hashAlgorithm = Pbkdf2PasswordHash.class,
        hashAlgorithmParameters = {
                "Pbkdf2PasswordHash.Algorithm=" + PasswordHashing.ALGORITHM,
                "Pbkdf2PasswordHash.Iterations=" + PasswordHashing.ITERATIONS})
@ApplicationScoped
public class SecurityConfiguration {
}
