package dev.berth.users.boundary;

import dev.berth.users.control.DirectorySettings;
import dev.berth.users.control.LoginThrottles;
import dev.berth.users.control.PasswordHashing;
import dev.berth.users.control.VerifiedPasswords;
import dev.berth.users.entity.AppUser;
import dev.berth.users.entity.Role;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Checks a login against Berth's own passwords (every API request: HTTP Basic), throttled per name tried.
 * <p>
 * A name whose attempts keep failing is slowed, then locked for a while ({@code login.locked} in the audit trail,
 * {@link LoginThrottles}); while it is, even the right password is refused, with the same 401 as a wrong one. An
 * unknown name takes the same path as a known one: the same throttle row, and a PBKDF2 verification against a dummy
 * hash, so that neither the answer nor its timing says whether the name exists. A disabled user's login fails the
 * same way.
 * <p>
 * With a directory configured ({@link DirectoryLogins}) this checks local users only: a user from the directory, and a
 * name no user has yet, are the directory's to check (and to throttle); each name is verified by one of the two,
 * never by both.
 * <p>
 * A password verified a moment ago is not verified again ({@link VerifiedPasswords}): the throttle and the disabled
 * flag are still checked on every request, only the PBKDF2 work is saved.
 */
@Stateless
public class Logins {

    private static final Logger LOG = Logger.getLogger(Logins.class.getName());

    @EJB
    Users users;

    @Inject
    PasswordHashing passwords;

    @Inject
    VerifiedPasswords verified;

    @Inject
    LoginThrottles throttles;

    @Inject
    DirectorySettings directory;

    /**
     * The role of {@code name} if {@code password} is theirs and the login is allowed now; empty otherwise.
     *
     * @param source where the attempt came from (the client address), for the audit trail
     */
    public Optional<Role> verify(String name, String password, String source) {
        if (name == null || password == null || !Users.NAME.matcher(name).matches()) {
            // no user can have such a name; the work is done anyway so that timing tells nothing
            passwords.matchesNothing(password == null ? "" : password);
            return Optional.empty();
        }
        Optional<AppUser> user = users.find(name);
        if (directory.external() && user.map(AppUser::isFromDirectory).orElse(true)) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        Optional<String> refusal = throttles.refusal(name, now);
        if (refusal.isPresent()) {
            LOG.fine(() -> "login of '" + name + "' refused unchecked: " + refusal.get());
            return Optional.empty();
        }
        String hash = user.map(AppUser::getPasswordHash).orElse(null);
        boolean matches = hash != null ? verified.matches(name, password, hash) : passwords.matchesNothing(password);
        if (matches) {
            throttles.forget(name);
            return user.filter(u -> !u.isDisabled()).map(AppUser::getRole);
        }
        throttles.failed(name, now, source);
        return Optional.empty();
    }

    /**
     * Lifts a lock and forgets the failures and the recently verified password of {@code name} (an admin reset the
     * password, or disabled, enabled or deleted the user).
     */
    public void forget(String name) {
        verified.forget(name);
        throttles.forget(name);
    }

    /** Forgets failures older than the window whose lock, if any, is over; names tried at random do not pile up. */
    @Schedule(hour = "*", minute = "*/10", persistent = false)
    void forgetStale() {
        throttles.forgetStale(Instant.now());
    }
}
