package dev.berth.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/** Waiting for something that happens asynchronously, with a deadline instead of a guessed sleep. */
public final class Poll {

    private static final Duration INTERVAL = Duration.ofMillis(50);

    private Poll() {
    }

    /** Returns once {@code condition} holds; an {@link AssertionError} naming {@code what} after the deadline. */
    public static void until(Duration deadline, String what, Callable<Boolean> condition) {
        Instant end = Instant.now().plus(deadline);
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("gave up waiting " + deadline.toSeconds() + " s for " + what);
            }
            LockSupport.parkNanos(INTERVAL.toNanos());
        }
    }
}
