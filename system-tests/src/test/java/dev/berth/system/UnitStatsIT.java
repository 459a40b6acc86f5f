package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testsupport.Api;
import dev.berth.testsupport.Poll;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Units' CPU and memory as their agent samples them (every {@link RunningBerth#STATS_SECONDS} s here): a running
 * unit gets samples within its memory limit, a busy one shows its CPU, a stopped one gets no more; only its owner and
 * admins read them.
 */
@ExtendWith(RunningBerth.class)
class UnitStatsIT {

    private static final long MEMORY = 64L * 1024 * 1024;
    private static final Duration FEW_ROUNDS = Duration.ofSeconds(60);

    /** One sample as the API answers it. */
    record Sample(Instant at, double cpuPercent, long memoryBytes, long memoryLimitBytes) {
        static Sample of(JsonObject json) {
            return new Sample(Instant.parse(json.getString("at")), json.getJsonNumber("cpuPercent").doubleValue(),
                    json.getJsonNumber("memoryBytes").longValue(), json.getJsonNumber("memoryLimitBytes").longValue());
        }
    }

    private final RunningBerth berth;
    private final Fixtures fixtures;

    UnitStatsIT(RunningBerth berth) {
        this.berth = berth;
        this.fixtures = new Fixtures(berth);
    }

    @Test
    void samplesARunningUnitWithinItsLimitShowsItsCpuAndStopsWithIt() {
        String user = fixtures.newUser("64m", 512);
        Api owner = berth.as(user, Fixtures.PASSWORD);
        long busy = fixtures.newUnit(user, RunningBerth.HOST, RunningBerth.freePort());
        long stopped = fixtures.newUnit(user, RunningBerth.HOST, RunningBerth.freePort());
        fixtures.request(owner, busy, "start");
        fixtures.request(owner, stopped, "start");
        assertThat(fixtures.settled(busy).getString("state")).isEqualTo("RUNNING");
        assertThat(fixtures.settled(stopped).getString("state")).isEqualTo("RUNNING");
        try {
            Poll.until(FEW_ROUNDS, "samples of both running units",
                    () -> !samples(owner, busy).isEmpty() && !samples(owner, stopped).isEmpty());

            String container = berth.containersOf(busy).get(0).getId();
            new UnitShell(berth.docker(), container).launch("while :; do :; done");
            Poll.until(FEW_ROUNDS, "a sample of unit " + busy + " with its busy loop's CPU",
                    () -> samples(owner, busy).stream().anyMatch(s -> s.cpuPercent() > 20));

            fixtures.request(owner, stopped, "stop");
            Instant stoppedAt = Instant.parse(fixtures.settled(stopped).getString("updatedAt"));
            Poll.until(FEW_ROUNDS, "three rounds after unit " + stopped + " stopped",
                    () -> samples(owner, busy).stream().filter(s -> s.at().isAfter(stoppedAt)).count() >= 3);

            List<Sample> busySamples = samples(owner, busy);
            assertThat(busySamples).allSatisfy(s -> {
                assertThat(s.memoryLimitBytes()).as("the user's memory").isEqualTo(MEMORY);
                assertThat(s.memoryBytes()).isPositive().isLessThanOrEqualTo(s.memoryLimitBytes());
                assertThat(s.cpuPercent()).isNotNegative();
            });
            assertThat(busySamples).extracting(Sample::at).isSorted();
            assertThat(samples(owner, stopped)).as("no sample after the stop").isNotEmpty()
                    .allSatisfy(s -> assertThat(s.at()).isBeforeOrEqualTo(stoppedAt));
        } finally {
            fixtures.request(owner, busy, "stop");
            fixtures.settled(busy);
        }
    }

    @Test
    void showsAUnitsSamplesToItsOwnerAndAdminsOnly() {
        String user = fixtures.newUser("64m", 512);
        String other = fixtures.newUser("64m", 512);
        long unit = fixtures.newUnit(user, RunningBerth.HOST, RunningBerth.freePort());

        assertThat(berth.as(user, Fixtures.PASSWORD).get("/units/" + unit + "/stats").array()).isEmpty();
        assertThat(berth.admin().get("/units/" + unit + "/stats?minutes=1440").status()).isEqualTo(200);
        Api.Reply foreign = berth.as(other, Fixtures.PASSWORD).get("/units/" + unit + "/stats");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.error()).contains("unit " + unit + " belongs to another user");
        Api.Reply tooLong = berth.admin().get("/units/" + unit + "/stats?minutes=1441");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.error()).contains("minutes must be between 1 and 1440");
        assertThat(berth.admin().get("/units/999999999/stats").status()).isEqualTo(404);
    }

    private static List<Sample> samples(Api api, long unit) {
        Api.Reply reply = api.get("/units/" + unit + "/stats?minutes=60");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.array().stream().map(v -> Sample.of(v.asJsonObject())).toList();
    }
}
