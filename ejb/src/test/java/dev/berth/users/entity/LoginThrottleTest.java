package dev.berth.users.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    /** Slowed after 3 failures (2 s), locked after 5 for 15 min, failures forgotten after 15 min. */
    private static final LoginPolicy POLICY = new LoginPolicy(3, Duration.ofSeconds(2), 5, Duration.ofMinutes(15),
            Duration.ofMinutes(15));
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    private static LoginThrottle failedTimes(int times, Duration apart) {
        LoginThrottle throttle = new LoginThrottle("aaa", T0);
        for (int i = 0; i < times; i++) {
            throttle.failed(T0.plus(apart.multipliedBy(i)), "10.0.0.1", POLICY);
        }
        return throttle;
    }

    @Test
    void letsTheFirstFailuresTryAgainAtOnce() {
        LoginThrottle throttle = failedTimes(2, Duration.ZERO);

        assertThat(throttle.refusal(T0, POLICY)).isEmpty();
    }

    @Test
    void slowsDownAfterThreeFailures() {
        LoginThrottle throttle = failedTimes(3, Duration.ZERO);

        assertThat(throttle.refusal(T0.plusMillis(1999), POLICY)).get().asString().startsWith("slowed down");
        assertThat(throttle.refusal(T0.plusSeconds(2), POLICY)).isEmpty();
    }

    @Test
    void locksAtTheFifthFailureUntilTheLockIsOver() {
        LoginThrottle throttle = failedTimes(4, Duration.ofSeconds(3));

        boolean locked = throttle.failed(T0.plusSeconds(12), "10.0.0.1", POLICY);

        assertThat(locked).isTrue();
        assertThat(throttle.getLockedUntil()).isEqualTo(T0.plusSeconds(12).plus(Duration.ofMinutes(15)));
        assertThat(throttle.refusal(T0.plusSeconds(12).plus(Duration.ofMinutes(14)), POLICY)).get().asString()
                .startsWith("locked until");
        assertThat(throttle.refusal(T0.plusSeconds(12).plus(Duration.ofMinutes(15)), POLICY)).isEmpty();
    }

    @Test
    void startsCountingAfreshOnceTheLockIsOver() {
        LoginThrottle throttle = failedTimes(5, Duration.ofSeconds(3));
        Instant after = throttle.getLockedUntil().plusSeconds(1);

        boolean lockedAgain = throttle.failed(after, "10.0.0.1", POLICY);

        assertThat(lockedAgain).isFalse();
        assertThat(throttle.getFailures()).isEqualTo(1);
        assertThat(throttle.refusal(after, POLICY)).isEmpty();
    }

    @Test
    void forgetsFailuresOlderThanTheWindow() {
        LoginThrottle throttle = failedTimes(4, Duration.ofSeconds(3));

        boolean locked = throttle.failed(T0.plus(Duration.ofMinutes(16)), "10.0.0.1", POLICY);

        assertThat(locked).isFalse();
        assertThat(throttle.getFailures()).isEqualTo(1);
    }
}
