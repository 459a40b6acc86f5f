package dev.berth.users.boundary;

import dev.berth.audit.control.AuditTrail;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.platform.entity.Actor;
import dev.berth.users.control.LoginSettings;
import dev.berth.users.control.PasswordHashing;
import dev.berth.users.control.VerifiedPasswords;
import dev.berth.users.entity.AppUser;
import dev.berth.users.entity.LoginPolicy;
import dev.berth.users.entity.LoginThrottle;
import dev.berth.users.entity.Role;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Checks a login (every API request: HTTP Basic), throttled per name tried.
 * <p>
 * A name whose attempts keep failing is slowed, then locked for a while ({@code login.locked} in the audit trail);
 * while it is, even the right password is refused, with the same 401 as a wrong one. An unknown name takes the same
 * path as a known one: the same throttle row, and a PBKDF2 verification against a dummy hash, so that neither the
 * answer nor its timing says whether the name exists. A disabled user's login fails the same way.
 * <p>
 * A password verified a moment ago is not verified again ({@link VerifiedPasswords}): the throttle and the disabled
 * flag are still checked on every request, only the PBKDF2 work is saved.
 */
@Stateless
public class Logins {

    private static final Logger LOG = Logger.getLogger(Logins.class.getName());

    @PersistenceContext
    EntityManager em;

    @EJB
    Users users;

    @Inject
    PasswordHashing passwords;

    @Inject
    VerifiedPasswords verified;

    @Inject
    LoginSettings settings;

    @Inject
    AuditTrail audit;

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
        Instant now = Instant.now();
        LoginPolicy policy = settings.policy();
        LoginThrottle throttle = em.find(LoginThrottle.class, name);
        if (throttle != null && throttle.refusal(now, policy).isPresent()) {
            LOG.fine(() -> "login of '" + name + "' refused unchecked: " + throttle.refusal(now, policy).get());
            return Optional.empty();
        }
        Optional<AppUser> user = users.find(name);
        boolean matches = user.isPresent() ? verified.matches(name, password, user.get().getPasswordHash())
                : passwords.matchesNothing(password);
        if (matches) {
            if (throttle != null) {
                em.remove(throttle);
            }
            return user.filter(u -> !u.isDisabled()).map(AppUser::getRole);
        }
        failed(name, now, source, policy);
        return Optional.empty();
    }

    private void failed(String name, Instant now, String source, LoginPolicy policy) {
        LoginThrottle throttle = em.find(LoginThrottle.class, name, LockModeType.PESSIMISTIC_WRITE);
        if (throttle == null) {
            throttle = new LoginThrottle(name, now);
            em.persist(throttle);
        }
        if (throttle.failed(now, source, policy)) {
            LoginThrottle locked = throttle;
            audit.user(Actor.SYSTEM, "login.locked", name, Outcome.SUCCEEDED, locked.getFailures()
                    + " failed logins within " + policy.window().toSeconds() + " s, the last from " + source
                    + "; every login as '" + name + "' is refused until " + locked.getLockedUntil()
                    + " (an admin's password reset or enable lifts it)");
            LOG.warning(() -> "login name '" + name + "' locked until " + locked.getLockedUntil() + " after "
                    + locked.getFailures() + " failed logins, the last from " + source);
        }
    }

    /**
     * Lifts a lock and forgets the failures and the recently verified password of {@code name} (an admin reset the
     * password, or disabled, enabled or deleted the user).
     */
    public void forget(String name) {
        verified.forget(name);
        LoginThrottle throttle = em.find(LoginThrottle.class, name);
        if (throttle != null) {
            em.remove(throttle);
        }
    }

    /** Forgets failures older than the window whose lock, if any, is over; names tried at random do not pile up. */
    @Schedule(hour = "*", minute = "*/10", persistent = false)
    void forgetStale() {
        Instant now = Instant.now();
        em.createNamedQuery(LoginThrottle.STALE).setParameter("before", now.minus(settings.policy().window()))
                .setParameter("now", now).executeUpdate();
    }
}
