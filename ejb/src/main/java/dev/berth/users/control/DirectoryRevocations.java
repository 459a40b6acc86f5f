package dev.berth.users.control;

import dev.berth.audit.control.AuditTrail;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.platform.entity.Actor;
import dev.berth.users.boundary.AccessRevoked;
import dev.berth.users.entity.AppUser;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/**
 * Ends the logins of a directory user whom the directory no longer lets in (gone, locked, in no mapped group): fires
 * {@link AccessRevoked} and audits {@code login.revoked}, once per login (the next refusal of the same user is only a
 * refusal). Joins the caller's transaction.
 */
@Dependent
public class DirectoryRevocations {

    @Inject
    Event<AccessRevoked> revocations;

    @Inject
    AuditTrail audit;

    @Inject
    VerifiedPasswords verified;

    /**
     * @param why what the directory says now, e.g. {@code locked in the directory (nsAccountLock=true)}
     * @param by  who noticed: a login attempt, or the periodic check
     * @return whether the user's logins were ended now (false: none had been open since their last refusal)
     */
    public boolean revoke(AppUser user, String why, String by) {
        verified.forget(user.getName());
        if (user.getDirectoryLoginAt() == null) {
            return false;
        }
        user.refusedByDirectory();
        revocations.fire(new AccessRevoked(user.getName(), "the directory no longer lets them in: " + why));
        audit.user(Actor.SYSTEM, "login.revoked", user.getName(), Outcome.SUCCEEDED, why + "; their logins are"
                + " ended (noticed by " + by + ")");
        return true;
    }
}
