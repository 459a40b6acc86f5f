package dev.berth.units.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.platform.entity.BerthException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatsRetentionTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void prunesWhatIsOlderThanTheRetention() {
        assertThat(StatsRetention.hours(24).cutoff(NOW)).isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
        assertThat(StatsRetention.hours(1).cutoff(NOW)).isEqualTo(Instant.parse("2026-11-29T09:00:00Z"));
    }

    @Test
    void opensWindowsUpToWhatIsKept() {
        assertThat(StatsRetention.hours(24).windowStart(60, NOW)).isEqualTo(Instant.parse("2026-11-29T09:00:00Z"));
        assertThat(StatsRetention.hours(24).windowStart(1440, NOW)).isEqualTo(StatsRetention.hours(24).cutoff(NOW));
    }

    @Test
    void refusesAnEmptyWindowOrOneLongerThanTheSamplesAreKept() {
        assertThatThrownBy(() -> StatsRetention.hours(24).windowStart(0, NOW)).isInstanceOf(BerthException.class)
                .hasMessage("minutes must be between 1 and 1440 (samples are kept 24 h), was 0");
        assertThatThrownBy(() -> StatsRetention.hours(2).windowStart(121, NOW)).isInstanceOf(BerthException.class)
                .hasMessageContaining("between 1 and 120");
    }

    @Test
    void keepsSamplesAtLeastAnHour() {
        assertThatThrownBy(() -> StatsRetention.hours(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("berth.stats.retention-hours");
    }
}
