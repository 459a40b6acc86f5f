/**
 * The people who own units: login name, display alias, hashed password, role, their API tokens, and the limits
 * every one of their units runs with (memory, CPU shares) and the home directory mounted into them. Logins are
 * checked here too: local users against their password's hash ({@code Logins}), everyone else against an LDAP
 * directory or a Payara realm ({@code DirectoryLogins}), which makes their Berth user at the first login with the
 * limits of a {@code Profile}.
 * <p>
 * Layer 3 of 10 (see docs/architecture.md): uses audit and platform. What a user's removal or disabling means to the
 * components above (units, configs) it tells them by events ({@code UserRemoval}, {@code UserDisabled}), and the end
 * of a user's logins to whatever holds one ({@code AccessRevoked}).
 */
package dev.berth.users;
