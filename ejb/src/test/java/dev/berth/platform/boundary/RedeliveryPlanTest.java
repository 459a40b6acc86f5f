package dev.berth.platform.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The redelivery plans of the embedded broker span what docs/operations.md says they span. */
class RedeliveryPlanTest {

    @Test
    void triesResultsForHalfAnHourEverMoreSlowly() {
        assertThat(EmbeddedBroker.RESULTS_REDELIVERY.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(EmbeddedBroker.RESULTS_REDELIVERY.delayAfter(6)).isEqualTo(Duration.ofSeconds(32));
        assertThat(EmbeddedBroker.RESULTS_REDELIVERY.delayAfter(7)).isEqualTo(Duration.ofSeconds(60));
        assertThat(EmbeddedBroker.RESULTS_REDELIVERY.span()).isEqualTo(Duration.ofSeconds(1_803));
    }

    @Test
    void triesCommandsWithinTheCommandTimeout() {
        assertThat(EmbeddedBroker.COMMANDS_REDELIVERY.span()).isEqualTo(Duration.ofSeconds(31))
                .isLessThan(Duration.ofSeconds(120));
    }

    @Test
    void triesEverythingElseThreeTimes() {
        assertThat(EmbeddedBroker.OTHER_REDELIVERY.span()).isEqualTo(Duration.ofSeconds(2));
    }
}
