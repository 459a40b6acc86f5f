package dev.berth.web.platform;

import dev.berth.users.boundary.AccessRevoked;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The console's logged-in sessions, by user, so that a user's sessions can be ended from outside them: when the
 * user is disabled or deleted ({@link AccessRevoked}), every one of them is invalidated once that transaction
 * committed, and the next click of that browser lands on the login page. {@link HttpLogin} registers a session at
 * its login; {@link ConsoleSessionListener} follows a session's id and forgets it when it ends (logout, idle
 * timeout, invalidation). Kept in memory: a session lives in this process only.
 * <p>
 * A session keeps the role it logged in with: a changed role takes effect at the user's next login.
 */
@ApplicationScoped
public class ConsoleSessions {

    private static final Logger LOG = Logger.getLogger(ConsoleSessions.class.getName());

    private record Entry(String user, HttpSession session) {
    }

    /** By session id. */
    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();

    /** A session that just logged {@code user} in. */
    public void loggedIn(String user, HttpSession session) {
        sessions.put(session.getId(), new Entry(user, session));
    }

    /** The session's id changed (a login within it): the entry follows. */
    void idChanged(String oldId, HttpSession session) {
        Entry entry = sessions.remove(oldId);
        if (entry != null) {
            sessions.put(session.getId(), new Entry(entry.user(), session));
        }
    }

    void ended(HttpSession session) {
        sessions.remove(session.getId());
    }

    /** Ends every console session of the user, once the transaction that revoked their access committed. */
    void revoke(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccessRevoked revoked) {
        List<Map.Entry<String, Entry>> theirs = sessions.entrySet().stream()
                .filter(e -> e.getValue().user().equals(revoked.user())).toList();
        for (Map.Entry<String, Entry> entry : theirs) {
            sessions.remove(entry.getKey());
            try {
                entry.getValue().session().invalidate();
            } catch (IllegalStateException endedMeanwhile) {
                // it ended by itself (logout, timeout) in the meantime
            }
        }
        if (!theirs.isEmpty()) {
            LOG.info(() -> theirs.size() + " console session(s) of '" + revoked.user() + "' ended: "
                    + revoked.reason());
        }
    }
}
