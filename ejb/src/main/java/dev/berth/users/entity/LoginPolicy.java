package dev.berth.users.entity;

import java.time.Duration;

/**
 * How failed logins of one name are throttled.
 *
 * @param slowAfter after this many failures within the window, the next attempt must wait {@code slowDelay} after
 *                  the last failure (earlier attempts are refused unchecked)
 * @param slowDelay see {@code slowAfter}
 * @param lockAfter after this many failures within the window, the name is locked for {@code lockFor}: even the
 *                  right password is refused
 * @param lockFor   see {@code lockAfter}
 * @param window    failures older than this are forgotten
 */
public record LoginPolicy(int slowAfter, Duration slowDelay, int lockAfter, Duration lockFor, Duration window) {

    public LoginPolicy {
        if (slowAfter < 1 || lockAfter < 1) {
            throw new IllegalArgumentException("login failure counts must be at least 1 (slow after " + slowAfter
                    + ", lock after " + lockAfter + ")");
        }
    }
}
