package dev.berth.users.control;

import dev.berth.users.entity.GroupMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where logins go besides Berth's own passwords: an LDAP directory ({@code BERTH_LDAP_*}, on when
 * {@code BERTH_LDAP_URL} is set), or instead of it a realm of the Payara server ({@code BERTH_LOGIN_REALM}). Either
 * one maps groups to roles with {@code BERTH_LDAP_ADMIN_GROUPS} and {@code BERTH_LDAP_USER_GROUPS}. The list, with
 * the rules: docs/login.md.
 */
@ApplicationScoped
public class DirectorySettings {

    @Inject
    @ConfigProperty(name = "berth.ldap.url")
    Optional<String> url;

    @Inject
    @ConfigProperty(name = "berth.ldap.bind-dn")
    Optional<String> bindDn;

    @Inject
    @ConfigProperty(name = "berth.ldap.bind-password")
    Optional<String> bindPassword;

    @Inject
    @ConfigProperty(name = "berth.ldap.user-base")
    Optional<String> userBase;

    @Inject
    @ConfigProperty(name = "berth.ldap.group-base")
    Optional<String> groupBase;

    @Inject
    @ConfigProperty(name = "berth.ldap.admin-groups", defaultValue = "berth-admins")
    String adminGroups;

    @Inject
    @ConfigProperty(name = "berth.ldap.user-groups", defaultValue = "berth-users")
    String userGroups;

    @Inject
    @ConfigProperty(name = "berth.ldap.timeout-seconds", defaultValue = "5")
    int timeoutSeconds;

    @Inject
    @ConfigProperty(name = "berth.ldap.check-seconds", defaultValue = "60")
    int checkSeconds;

    @Inject
    @ConfigProperty(name = "berth.ldap.check-within-seconds", defaultValue = "86400")
    int checkWithinSeconds;

    @Inject
    @ConfigProperty(name = "berth.login.realm")
    Optional<String> realm;

    /** How Berth reaches the LDAP directory. */
    public record Ldap(String url, Optional<String> bindDn, Optional<String> bindPassword, String userBase,
                       String groupBase, Duration timeout) {
    }

    /** The LDAP directory, when one is configured and no realm replaces it. */
    public Optional<Ldap> ldap() {
        if (url.filter(u -> !u.isBlank()).isEmpty() || realm().isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new Ldap(url.get().strip(), bindDn.filter(d -> !d.isBlank()), bindPassword,
                required(userBase, "BERTH_LDAP_USER_BASE", "where users are found by uid, e.g."
                        + " ou=people,dc=example,dc=org"),
                required(groupBase, "BERTH_LDAP_GROUP_BASE", "where groups are found by member, e.g."
                        + " ou=groups,dc=example,dc=org"),
                Duration.ofSeconds(Math.max(1, timeoutSeconds))));
    }

    /** The Payara realm that checks logins instead of the LDAP directory, when one is named. */
    public Optional<String> realm() {
        return realm.map(String::strip).filter(r -> !r.isEmpty());
    }

    /** Whether logins may go to a directory (LDAP or a realm) at all. */
    public boolean external() {
        return realm().isPresent() || url.filter(u -> !u.isBlank()).isPresent();
    }

    /** Whether both are configured: the realm wins, and the LDAP settings are not used. */
    public boolean realmReplacesLdap() {
        return realm().isPresent() && url.filter(u -> !u.isBlank()).isPresent();
    }

    public GroupMapping mapping() {
        return GroupMapping.of(adminGroups, userGroups);
    }

    /** How often the periodic check looks at recent directory users again. */
    public Duration checkEvery() {
        return Duration.ofSeconds(Math.max(1, checkSeconds));
    }

    /** Directory users who logged in within this are checked; it should cover the longest login (session, token). */
    public Duration checkWithin() {
        return Duration.ofSeconds(Math.max(1, checkWithinSeconds));
    }

    private static String required(Optional<String> value, String key, String what) {
        return value.map(String::strip).filter(v -> !v.isEmpty()).orElseThrow(() -> new IllegalStateException(
                "BERTH_LDAP_URL is set but " + key + " is not: set it to " + what));
    }
}
