package dev.berth.sessions.entity;

import dev.berth.platform.entity.BerthException;
import java.time.Duration;
import java.util.Objects;

/**
 * The rules sessions follow.
 *
 * @param policy a second login of a name with a live session: refused or taking it over
 * @param expiry how long a session lives after its client last kept it alive
 * @param onEnd  what a session's end does with the units it started
 */
public record SessionRules(SessionPolicy policy, Duration expiry, SessionEnd onEnd) {

    /** A session shorter than this could not be kept alive over an ordinary network. */
    public static final int MIN_EXPIRY_SECONDS = 2;
    /** A day: a longer silence is no client any more. */
    public static final int MAX_EXPIRY_SECONDS = 86_400;

    public SessionRules {
        Objects.requireNonNull(policy);
        Objects.requireNonNull(onEnd);
        checkExpiry(Objects.requireNonNull(expiry).toSeconds());
    }

    /**
     * The rules as configuration writes them.
     *
     * @throws BerthException (400) naming the value that is none
     */
    public static SessionRules of(String policy, long expirySeconds, String onEnd) {
        return new SessionRules(SessionPolicy.parse(policy), Duration.ofSeconds(expirySeconds),
                SessionEnd.parse(onEnd));
    }

    /** @throws BerthException (400) when {@code seconds} is outside 2..86400 */
    public static void checkExpiry(long seconds) {
        if (seconds < MIN_EXPIRY_SECONDS || seconds > MAX_EXPIRY_SECONDS) {
            throw BerthException.invalid("session expiry " + seconds + " s is outside " + MIN_EXPIRY_SECONDS + ".."
                    + MAX_EXPIRY_SECONDS + " seconds");
        }
    }
}
