package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testsupport.Api;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A unit's logs, read by its host's agent over the broker, with the guide's docker logs options. */
@ExtendWith(RunningBerth.class)
class LogsIT {

    private final RunningBerth berth;
    private final Fixtures fixtures;

    LogsIT(RunningBerth berth) {
        this.berth = berth;
        this.fixtures = new Fixtures(berth);
    }

    @Test
    void readsTheLogsOfAUnitWithTailSinceAndTimestamps() throws Exception {
        String user = fixtures.newUser("64m", 512);
        int port = RunningBerth.freePort();
        long unit = fixtures.newUnit(user, RunningBerth.HOST, port);
        fixtures.request(berth.admin(), unit, "start");
        assertThat(fixtures.settled(unit).getString("state")).isEqualTo("RUNNING");
        Api owner = berth.as(user, Fixtures.PASSWORD);

        Api.Reply all = owner.get("/units/" + unit + "/logs?tail=all");
        Api.Reply stamped = owner.get("/units/" + unit + "/logs?tail=1&timestamps=true");
        Api.Reply future = owner.get("/units/" + unit + "/logs?since="
                + Instant.now().plus(Duration.ofHours(1)).getEpochSecond());

        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body()).contains("berth probe serving on port " + port);
        assertThat(stamped.body().lines()).hasSize(1).allMatch(line -> line.matches("^20\\d\\d-\\d\\d-\\d\\dT.*"));
        assertThat(future.body()).isEmpty();
        assertThat(berth.admin().get("/units/" + unit + "/logs?tail=many").error()).contains("tail 'many'");
        assertThat(berth.as(fixtures.newUser("64m", 512), Fixtures.PASSWORD).get("/units/" + unit + "/logs")
                .status()).isEqualTo(403);

        fixtures.finished(fixtures.request(berth.admin(), unit, "delete"));
    }

    @Test
    void saysSoWhenAUnitHasNoContainer() {
        long unit = fixtures.newUnit(fixtures.newUser("64m", 512), RunningBerth.HOST, RunningBerth.freePort());

        Api.Reply none = berth.admin().get("/units/" + unit + "/logs");

        assertThat(none.status()).isEqualTo(409);
        assertThat(none.error()).isEqualTo("unit " + unit + " has no container on host " + RunningBerth.HOST
                + ": it was never started, or it has been deleted");
    }
}
