package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testsupport.Api;
import dev.berth.testsupport.Poll;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pings of the shared Berth's own agent (protocol 7): a run of many answered through the broker, the periodic round
 * trip in the host's view and in the metrics, and the refusals of a host without an agent, an unknown one and a bad
 * count.
 */
@ExtendWith(RunningBerth.class)
class AgentPingIT {

    private static final Pattern RTT = Pattern.compile("^berth_agent_rtt_seconds(\\{[^}]*})?\\s+(\\S+)",
            Pattern.MULTILINE);

    private final RunningBerth berth;

    AgentPingIT(RunningBerth berth) {
        this.berth = berth;
    }

    @Test
    void answersEveryPingOfARun() {
        JsonObject run = berth.admin().post("/hosts/" + RunningBerth.HOST + "/ping?count=200", "")
                .expect(200, "200 pings").json();

        assertThat(run.getInt("count")).isEqualTo(200);
        assertThat(run.getInt("answered")).isEqualTo(200);
        assertThat(run.getJsonNumber("seconds").doubleValue()).isPositive();
        assertThat(run.getJsonNumber("perSecond").doubleValue()).isPositive();
        JsonObject rtt = run.getJsonObject("rttMillis");
        assertThat(rtt.getJsonNumber("p50").doubleValue()).isPositive()
                .isLessThanOrEqualTo(rtt.getJsonNumber("p95").doubleValue());
        assertThat(rtt.getJsonNumber("p95").doubleValue()).isLessThanOrEqualTo(rtt.getJsonNumber("max").doubleValue());
    }

    @Test
    void keepsTheLastRoundTripOfTheHost() throws Exception {
        Api admin = berth.admin();
        Poll.until(Duration.ofSeconds(40), "the host's round trip to be measured", () -> admin
                .get("/hosts/" + RunningBerth.HOST).expect(200, "the host").json().get("rttMillis") instanceof JsonNumber);
        assertThat(admin.get("/hosts/" + RunningBerth.HOST).json().getJsonNumber("rttMillis").doubleValue())
                .isPositive();

        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(berth.url() + "/metrics"))
                .header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher gauge = RTT.matcher(metrics);
        assertThat(gauge.find()).as("berth_agent_rtt_seconds in %s", metrics).isTrue();
        assertThat(Double.parseDouble(gauge.group(2))).isPositive();
        assertThat(metrics).as("the gauge names no host").doesNotContain(RunningBerth.HOST);
    }

    @Test
    void refusesAHostWithoutAgentAnUnknownHostAndABadCount() {
        Api admin = berth.admin();
        String defined = "ping-" + UUID.randomUUID().toString().substring(0, 8);
        admin.post("/hosts", "{\"name\":\"" + defined + "\",\"address\":\"10.9.8.7\"}").expect(201, "a host");
        try {
            assertThat(admin.post("/hosts/" + defined + "/ping?count=3", "").expect(409, "a DEFINED host").error())
                    .contains("host " + defined + " is DEFINED");
        } finally {
            admin.delete("/hosts/" + defined).expect(204, "removing the host");
        }
        assertThat(admin.post("/hosts/no-such-" + defined + "/ping", "").expect(404, "an unknown host").error())
                .contains("no host named 'no-such-" + defined + "'");
        assertThat(admin.post("/hosts/" + RunningBerth.HOST + "/ping?count=0", "").expect(400, "count 0").error())
                .contains("count must be 1 to 100000, not 0");
        assertThat(admin.post("/hosts/" + RunningBerth.HOST + "/ping?count=many", "").expect(400, "count many")
                .error()).contains("count 'many' is no number");
    }
}
