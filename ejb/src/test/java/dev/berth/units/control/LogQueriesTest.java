package dev.berth.units.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.platform.entity.BerthException;
import dev.berth.protocol.LogRequest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogQueriesTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void readsTheLastHundredLinesWhenNothingIsGiven() {
        assertThat(LogQueries.parse(null, null, false, false, NOW)).isEqualTo(new LogRequest(100, 0, false, false));
    }

    @Test
    void keepsFollowAsAsked() {
        assertThat(LogQueries.parse("0", null, true, true, NOW)).isEqualTo(new LogRequest(0, 0, true, true));
    }

    @ParameterizedTest
    @CsvSource({"20,20", "all,0", "0,0", "ALL,0"})
    void readsTail(String tail, int lines) {
        assertThat(LogQueries.parse(tail, null, false, false, NOW).tail()).isEqualTo(lines);
    }

    @ParameterizedTest
    @CsvSource({"1795300000,1795300000", "90s,1795341510", "10m,1795341000", "2h,1795334400", "1d,1795255200",
            "2026-11-22T09:00:00Z,1795338000"})
    void readsSinceAsDockerDoes(String since, long epochSeconds) {
        assertThat(LogQueries.parse(null, since, true, false, NOW).since()).isEqualTo(epochSeconds);
    }

    @Test
    void refusesWhatIsNoTailOrNoTime() {
        assertThatThrownBy(() -> LogQueries.parse("many", null, false, false, NOW))
                .isInstanceOf(BerthException.class).hasMessageContaining("tail 'many'");
        assertThatThrownBy(() -> LogQueries.parse("-3", null, false, false, NOW)).hasMessageContaining("tail '-3'");
        assertThatThrownBy(() -> LogQueries.parse(null, "yesterday", false, false, NOW))
                .hasMessageContaining("since 'yesterday' is no time");
    }
}
