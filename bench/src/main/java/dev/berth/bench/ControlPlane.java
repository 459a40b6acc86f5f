package dev.berth.bench;

import dev.berth.testsupport.Api;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * P4, the control plane without Docker work: {@code POST /api/hosts/{name}/ping?count=N} sends N {@code PING}
 * commands through manager, broker and agent and answers when all came back. Timed from the request to its answer;
 * rounds of {@code bench.ping.count} (2,000) pings, {@code bench.ping.rounds} (5) rounds after one warm-up; the
 * endpoint's own figures (its rate, the round trips' p50 and p95) beside. A build without the endpoint answers 404
 * (the host exists): the section then says so.
 */
final class ControlPlane {

    private static final int COUNT = Integer.getInteger("bench.ping.count", 2000);
    private static final int ROUNDS = Integer.getInteger("bench.ping.rounds", 5);

    private final Api admin;
    private final String host;

    ControlPlane(Api admin, String host) {
        this.admin = admin;
        this.host = host;
    }

    Section run() {
        Section section = new Section("P4", "control plane: agent pings per second").measured(String.format(
                Locale.ROOT, "`POST /api/hosts/%s/ping?count=%d`: that many `PING` commands through manager, broker"
                        + " and the embedded agent, with no Docker work, timed from the request to its answer; %d"
                        + " rounds after one warm-up. Goal: at least 1,000 commands/s on 2 cores.", "{name}", COUNT,
                ROUNDS));
        String path = "/hosts/" + host + "/ping?count=" + COUNT;
        Api.Reply warmUp = admin.post(path, "");
        if (warmUp.status() == 404 || warmUp.status() == 405) {
            return section.notMeasured("`POST /api/hosts/{name}/ping` answered " + warmUp.status()
                    + ": the agent ping is not in this build");
        }
        warmUp.expect(200, "pinging host " + host);
        Samples rounds = new Samples("a round of " + COUNT + " pings");
        List<Double> rates = new ArrayList<>();
        List<Double> serverRates = new ArrayList<>();
        Samples rttMedians = new Samples("round trip, median of a round");
        Samples rttP95 = new Samples("round trip, p95 of a round");
        String last = warmUp.body();
        for (int i = 0; i < ROUNDS; i++) {
            long begin = System.nanoTime();
            Api.Reply reply = admin.post(path, "").expect(200, "pinging host " + host);
            long took = System.nanoTime() - begin;
            last = reply.body();
            JsonObject run = reply.json();
            if (run.getInt("answered", -1) != COUNT) {
                throw new IllegalStateException("the agent answered " + run.getInt("answered", -1) + " of " + COUNT
                        + " pings: " + last);
            }
            rounds.add(took);
            rates.add(COUNT / (took / 1e9));
            serverRates.add(run.getJsonNumber("perSecond").doubleValue());
            if (run.get("rttMillis") instanceof JsonObject rtt) {
                rttMedians.add((long) (rtt.getJsonNumber("p50").doubleValue() * 1e6));
                rttP95.add((long) (rtt.getJsonNumber("p95").doubleValue() * 1e6));
            }
        }
        double perSecond = COUNT / (rounds.median() / 1000);
        section.row("a round of " + COUNT + " pings, request to answer", rounds, "ms");
        section.row("a ping's round trip, the rounds' medians", rttMedians, "ms");
        section.row("a ping's round trip, the rounds' p95", rttP95, "ms");
        section.verdict(String.format(Locale.ROOT, "%.0f pings/s at the median round, timed by the client (the"
                + " slowest round %.0f/s)", perSecond, COUNT / (rounds.max() / 1000)), ">= 1,000/s", perSecond >= 1000);
        section.note("pings per second per round, timed by the client: " + rounded(rates) + "; as the manager timed"
                + " them (`perSecond`, without the HTTP request): " + rounded(serverRates));
        section.text = "the endpoint's last answer:\n" + last + "\n";
        return section;
    }

    private static List<String> rounded(List<Double> rates) {
        return rates.stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList();
    }
}
