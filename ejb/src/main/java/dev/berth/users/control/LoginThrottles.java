package dev.berth.users.control;

import dev.berth.audit.control.AuditTrail;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.platform.entity.Actor;
import dev.berth.users.entity.LoginPolicy;
import dev.berth.users.entity.LoginThrottle;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The login throttle per name tried, shared by every way in (Berth's own passwords and the directory's): a name
 * whose attempts keep failing is slowed, then locked for a while ({@code login.locked} in the audit trail). Joins the
 * caller's transaction.
 */
@Dependent
public class LoginThrottles {

    private static final Logger LOG = Logger.getLogger(LoginThrottles.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    LoginSettings settings;

    @Inject
    AuditTrail audit;

    /** Why an attempt of {@code name} at {@code now} is refused without looking at its password, if it is. */
    public Optional<String> refusal(String name, Instant now) {
        LoginThrottle throttle = em.find(LoginThrottle.class, name);
        return throttle == null ? Optional.empty() : throttle.refusal(now, settings.policy());
    }

    /** Forgets the failures of {@code name} (it logged in, or an admin lifted its lock). */
    public void forget(String name) {
        LoginThrottle throttle = em.find(LoginThrottle.class, name);
        if (throttle != null) {
            em.remove(throttle);
        }
    }

    /** Counts a failed attempt of {@code name}; the one that locks it is audited and logged. */
    public void failed(String name, Instant now, String source) {
        LoginPolicy policy = settings.policy();
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

    /** Forgets failures older than the window whose lock, if any, is over. */
    public void forgetStale(Instant now) {
        em.createNamedQuery(LoginThrottle.STALE).setParameter("before", now.minus(settings.policy().window()))
                .setParameter("now", now).executeUpdate();
    }
}
