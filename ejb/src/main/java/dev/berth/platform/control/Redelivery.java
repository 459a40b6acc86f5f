package dev.berth.platform.control;

import java.time.Duration;
import java.util.Objects;

/**
 * How the broker delivers a message again after its consumer rolled back: after {@code delay}, each next delay
 * {@code multiplier} times the last, at most {@code maxDelay}, for {@code attempts} deliveries in all; then the
 * message moves to the dead-letter queue.
 */
public record Redelivery(Duration delay, double multiplier, Duration maxDelay, int attempts) {

    public Redelivery {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (multiplier < 1 || attempts < 1 || maxDelay.compareTo(delay) < 0) {
            throw new IllegalArgumentException("no redelivery: " + delay + " x" + multiplier + " up to " + maxDelay
                    + ", " + attempts + " attempts");
        }
    }

    /** The delay before delivery {@code n + 1}, after {@code n} failed deliveries (n from 1), as Artemis waits. */
    public Duration delayAfter(int n) {
        double millis = delay.toMillis() * Math.pow(multiplier, n - 1);
        return Duration.ofMillis((long) Math.min(millis, maxDelay.toMillis()));
    }

    /** From the first delivery's failure to the last delivery: the time a message is tried for. */
    public Duration span() {
        Duration total = Duration.ZERO;
        for (int n = 1; n < attempts; n++) {
            total = total.plus(delayAfter(n));
        }
        return total;
    }
}
