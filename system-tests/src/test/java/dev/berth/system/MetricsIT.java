package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testsupport.Poll;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Berth's metrics at {@code /metrics} (Prometheus text), read anonymously as a scraper would: they move when a unit
 * starts, and they name no user, host or unit.
 */
@ExtendWith(RunningBerth.class)
class MetricsIT {

    /** One sample line: name, labels, value. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+).*$",
            Pattern.MULTILINE);

    private final RunningBerth berth;
    private final Fixtures fixtures;

    MetricsIT(RunningBerth berth) {
        this.berth = berth;
        this.fixtures = new Fixtures(berth);
    }

    @Test
    void countTheStartTimeItAndShowTheUnitRunning() throws Exception {
        String user = fixtures.newUser("64m", 256);
        long unit = fixtures.newUnit(user, RunningBerth.HOST, RunningBerth.freePort());
        String before = scrape();
        double started = sum(before, "berth_commands_total", Map.of("type", "START", "outcome", "SUCCEEDED"));
        double timed = sum(before, "berth_unit_start_seconds_count", Map.of());

        fixtures.request(berth.admin(), unit, "start");
        assertThat(fixtures.settled(unit).getString("state")).isEqualTo("RUNNING");

        String[] after = new String[1];
        Poll.until(Duration.ofSeconds(10), "the start to be counted", () -> {
            after[0] = scrape();
            return sum(after[0], "berth_commands_total", Map.of("type", "START", "outcome", "SUCCEEDED"))
                    >= started + 1;
        });
        assertThat(sum(after[0], "berth_unit_start_seconds_count", Map.of())).isGreaterThanOrEqualTo(timed + 1);
        assertThat(sum(after[0], "berth_unit_start_seconds_sum", Map.of())).isPositive();
        Poll.until(Duration.ofSeconds(5), "the running unit to be counted",
                () -> sum(scrape(), "berth_units", Map.of("state", "RUNNING")) >= 1);
        assertThat(sum(after[0], "berth_hosts", Map.of("state", "ONLINE"))).isGreaterThanOrEqualTo(1);
        assertThat(after[0]).contains("berth_log_followers", "berth_jms_redelivered", "berth_jms_dead_letters");

        assertThat(after[0]).as("anonymous metrics name nobody").doesNotContain(user)
                .doesNotContain(RunningBerth.HOST);
        fixtures.request(berth.admin(), unit, "delete");
    }

    /** The reconciler sweeps every 2 s: its timer counts the sweeps and adds up their time. */
    @Test
    void timeTheReconciliationSweeps() throws Exception {
        double before = sum(scrape(), "berth_reconcile_sweep_seconds_count", Map.of());
        Poll.until(Duration.ofSeconds(10), "two more sweeps to be timed",
                () -> sum(scrape(), "berth_reconcile_sweep_seconds_count", Map.of()) >= before + 2);
        assertThat(sum(scrape(), "berth_reconcile_sweep_seconds_sum", Map.of())).isPositive();
    }

    private String scrape() throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(berth.url() + "/metrics")).header("Accept", "text/plain").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).as("anonymous /metrics").isEqualTo(200);
        return metrics.body();
    }

    /** The sum of the samples named {@code name} whose labels include {@code labels}. */
    static double sum(String metrics, String name, Map<String, String> labels) {
        double sum = 0;
        Matcher sample = SAMPLE.matcher(metrics);
        while (sample.find()) {
            String found = sample.group(1);
            String tags = sample.group(2) == null ? "" : sample.group(2);
            if (found.equals(name) && labels.entrySet().stream()
                    .allMatch(l -> tags.contains(l.getKey() + "=\"" + l.getValue() + "\""))) {
                sum += Double.parseDouble(sample.group(3));
            }
        }
        return sum;
    }
}
