package dev.berth.units.entity;

import dev.berth.platform.entity.BerthException;
import java.time.Duration;

/**
 * How units are restarted: the default policy (a unit may choose its own), at most {@code limit} restarts in a row,
 * the first after {@code backoff}, each next one after twice the wait before it, never more than {@code maxBackoff};
 * a unit that has run {@code stable} since its last restart ends its streak.
 */
public record RestartRules(RestartPolicy policy, int limit, Duration backoff, Duration maxBackoff, Duration stable) {

    /** The most restarts in a row an admin may allow; a unit that needs more needs a person. */
    public static final int MAX_LIMIT = 1000;

    public RestartRules {
        check(limit, backoff.toSeconds(), maxBackoff.toSeconds(), stable.toSeconds());
    }

    /** @throws BerthException (400) for values that make no rules */
    public static void check(int limit, long backoffSeconds, long maxBackoffSeconds, long stableSeconds) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw BerthException.invalid("restart limit " + limit + " is outside 1.." + MAX_LIMIT);
        }
        if (backoffSeconds < 1 || maxBackoffSeconds < backoffSeconds) {
            throw BerthException.invalid("restart backoff must be at least 1 s and at most the maximum backoff ("
                    + backoffSeconds + " s, maximum " + maxBackoffSeconds + " s)");
        }
        if (stableSeconds < 1) {
            throw BerthException.invalid("a unit must run at least 1 s to count as stable, not " + stableSeconds);
        }
    }

    /** The wait before restart number {@code attempt} (1 = the first of a streak). */
    public Duration delayBefore(int attempt) {
        long seconds = backoff.toSeconds();
        for (int i = 1; i < attempt && seconds < maxBackoff.toSeconds(); i++) {
            seconds *= 2;
        }
        return Duration.ofSeconds(Math.min(seconds, maxBackoff.toSeconds()));
    }
}
