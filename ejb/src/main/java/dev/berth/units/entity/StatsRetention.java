package dev.berth.units.entity;

import dev.berth.platform.entity.BerthException;
import java.time.Duration;
import java.time.Instant;

/**
 * How long units' samples are kept ({@code berth.stats.retention-hours}), and so which windows of them can be asked
 * for.
 */
public record StatsRetention(Duration kept) {

    public StatsRetention {
        if (kept == null || kept.toHours() < 1) {
            throw new IllegalArgumentException("samples are kept at least one hour (berth.stats.retention-hours),"
                    + " not " + kept);
        }
    }

    public static StatsRetention hours(int hours) {
        return new StatsRetention(Duration.ofHours(hours));
    }

    /** Samples taken before this are pruned. */
    public Instant cutoff(Instant now) {
        return now.minus(kept);
    }

    /**
     * Where a window of the last {@code minutes} begins.
     *
     * @throws BerthException (invalid) when the window is empty or longer than samples are kept
     */
    public Instant windowStart(int minutes, Instant now) {
        long most = kept.toMinutes();
        if (minutes < 1 || minutes > most) {
            throw BerthException.invalid("minutes must be between 1 and " + most + " (samples are kept "
                    + kept.toHours() + " h), was " + minutes);
        }
        return now.minus(Duration.ofMinutes(minutes));
    }
}
