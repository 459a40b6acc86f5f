package dev.berth.users.boundary;

import dev.berth.audit.control.AuditTrail;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.platform.entity.Actor;
import dev.berth.users.control.Directory;
import dev.berth.users.control.DirectoryRevocations;
import dev.berth.users.control.DirectorySettings;
import dev.berth.users.control.DirectoryUnavailableException;
import dev.berth.users.control.LoginThrottles;
import dev.berth.users.control.PasswordDirectory;
import dev.berth.users.control.PasswordHashing;
import dev.berth.users.control.VerifiedPasswords;
import dev.berth.users.entity.AppUser;
import dev.berth.users.entity.DirectoryAnswer;
import dev.berth.users.entity.DirectoryAnswer.Verdict;
import dev.berth.users.entity.Profile;
import dev.berth.users.entity.Role;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * Checks a login against the directory (the LDAP directory of {@code BERTH_LDAP_*}, or a Payara realm), for every
 * name that is not a local user's; {@link Logins} checks local users' passwords first, and never the directory's.
 * <ul>
 * <li>a local user (created by an admin or an import, with a password in Berth) is never checked here, and a user
 *     from the directory never against a password in Berth: no name is ever verified by both;</li>
 * <li>the directory is asked at every login: the entry, whether it is locked, its groups; only the bind (the password
 *     check) is remembered for {@code BERTH_LOGIN_CACHE_SECONDS};</li>
 * <li>the groups give the role ({@code BERTH_LDAP_ADMIN_GROUPS}, {@code BERTH_LDAP_USER_GROUPS}); a member of no
 *     such group is refused, and so is an entry that is gone or locked: the user's open logins end
 *     ({@link AccessRevoked}, {@code login.revoked});</li>
 * <li>the first login makes the Berth user ({@code user.provision}), with the limits of the profile of their
 *     groups; later logins change only the role, when the groups changed;</li>
 * <li>the throttle of {@link LoginThrottles} counts wrong passwords and unknown names as for local users, and every
 *     refusal costs a PBKDF2 verification, so that timing does not tell a directory's name from an unknown one.</li>
 * </ul>
 * A login is audited ({@code login.directory}) when the directory verified it anew, at most once per cache period, or
 * changed the role; every refusal of a name the directory or Berth knows is audited with its reason.
 */
@Stateless
public class DirectoryLogins {

    private static final Logger LOG = Logger.getLogger(DirectoryLogins.class.getName());

    @EJB
    Users users;

    @EJB
    Profiles profiles;

    @Inject
    DirectorySettings settings;

    @Inject
    Directory ldap;

    @Inject
    LoginThrottles throttles;

    @Inject
    PasswordHashing passwords;

    @Inject
    VerifiedPasswords verified;

    @Inject
    DirectoryRevocations revocations;

    @Inject
    AuditTrail audit;

    /** A login checked against the LDAP directory of {@code BERTH_LDAP_*}. */
    public Optional<Role> verify(String name, String password, String source) {
        return verify(name, password, source, ldap);
    }

    /**
     * The role of {@code name} if {@code directory} accepts {@code password} and the login is allowed now; empty
     * otherwise, and for local users (who are not the directory's to check).
     *
     * @param source where the attempt came from (the client address), for the audit trail
     */
    public Optional<Role> verify(String name, String password, String source, PasswordDirectory directory) {
        if (name == null || password == null || !Users.NAME.matcher(name).matches()) {
            // no user can have such a name; Logins did the work a refusal costs
            return Optional.empty();
        }
        Optional<AppUser> user = users.find(name);
        if (user.isPresent() && !user.get().isFromDirectory()) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        if (throttles.refusal(name, now).isPresent()) {
            return Optional.empty();
        }
        DirectoryAnswer answer;
        try {
            answer = directory.check(name, password);
        } catch (DirectoryUnavailableException e) {
            LOG.warning(() -> "login of '" + name + "' refused: " + e.getMessage());
            passwords.matchesNothing(password);
            if (user.isPresent()) {
                audit.user(Actor.SYSTEM, "login.directory", name, Outcome.FAILED, "refused from " + source
                        + ": the directory could not be asked (" + e.getMessage() + ")");
            }
            return Optional.empty();
        }
        return answer.verdict() == Verdict.ACCEPTED ? admit(user, name, answer, source, now)
                : refuse(user, name, password, answer, source, now);
    }

    private Optional<Role> refuse(Optional<AppUser> user, String name, String password, DirectoryAnswer answer,
                                  String source, Instant now) {
        passwords.matchesNothing(password);
        Verdict verdict = answer.verdict();
        if (verdict != Verdict.LOCKED) {
            throttles.failed(name, now, source);
        }
        if (user.isPresent() || verdict == Verdict.WRONG_PASSWORD || verdict == Verdict.LOCKED) {
            audit.user(Actor.SYSTEM, "login.directory", name, Outcome.FAILED, "refused from " + source + ": "
                    + answer.detail());
        }
        if (user.isPresent() && (verdict == Verdict.UNKNOWN || verdict == Verdict.LOCKED)) {
            revocations.revoke(user.get(), answer.detail(), "a login attempt from " + source);
        }
        return Optional.empty();
    }

    private Optional<Role> admit(Optional<AppUser> user, String name, DirectoryAnswer answer, String source,
                                 Instant now) {
        String groups = String.valueOf(new TreeSet<>(answer.groups()));
        Optional<Role> mapped = settings.mapping().roleOf(answer.groups());
        if (mapped.isEmpty()) {
            String why = "in no group that maps to a role (groups " + groups + "; BERTH_LDAP_ADMIN_GROUPS "
                    + settings.mapping().adminGroups() + ", BERTH_LDAP_USER_GROUPS " + settings.mapping().userGroups()
                    + ")";
            audit.user(Actor.SYSTEM, "login.directory", name, Outcome.FAILED, "refused from " + source + ": " + why);
            user.ifPresent(u -> revocations.revoke(u, why, "a login attempt from " + source));
            return Optional.empty();
        }
        Role role = mapped.get();
        throttles.forget(name);
        if (user.isEmpty()) {
            Profile profile = profiles.forGroups(answer.groups());
            AppUser created = users.provision(name, answer.displayName(), role, profile);
            created.admittedByDirectory(role, now);
            audit.user(Actor.SYSTEM, "login.directory", name, Outcome.SUCCEEDED, "first login, from " + source
                    + ", as " + role + "; groups " + groups);
            return Optional.of(role);
        }
        AppUser known = user.get();
        if (known.isDisabled()) {
            return Optional.empty();
        }
        Instant last = known.getDirectoryLoginAt();
        boolean again = last == null || !now.isBefore(last.plus(verified.period()));
        if (again || known.getRole() != role) {
            Optional<Role> before = known.admittedByDirectory(role, now);
            audit.user(Actor.SYSTEM, "login.directory", name, Outcome.SUCCEEDED, "from " + source + ", as " + role
                    + before.map(b -> " (was " + b + ": the directory groups changed)").orElse("") + "; groups "
                    + groups);
        }
        return Optional.of(role);
    }
}
