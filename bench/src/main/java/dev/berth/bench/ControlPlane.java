package dev.berth.bench;

import dev.berth.testsupport.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * P4, the control plane without Docker work: {@code POST /api/hosts/{name}/ping?count=N} sends N {@code PING}
 * commands through manager, broker and agent and answers when all came back. Timed from the request to its answer;
 * rounds of {@code bench.ping.count} (2,000) pings, {@code bench.ping.rounds} (5) rounds after one warm-up. A build
 * without the endpoint answers 404: the section then says so.
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
        String last = warmUp.body();
        for (int i = 0; i < ROUNDS; i++) {
            long begin = System.nanoTime();
            last = admin.post(path, "").expect(200, "pinging host " + host).body();
            long took = System.nanoTime() - begin;
            rounds.add(took);
            rates.add(COUNT / (took / 1e9));
        }
        double perSecond = COUNT / (rounds.median() / 1000);
        section.row("a round of " + COUNT + " pings, request to answer", rounds, "ms");
        section.row("per ping", rounds.median() * 1000 / COUNT, rounds.percentile(95) * 1000 / COUNT, "µs");
        section.verdict(String.format(Locale.ROOT, "%.0f pings/s at the median round (slowest round %.0f/s)",
                perSecond, COUNT / (rounds.max() / 1000)), ">= 1,000/s", perSecond >= 1000);
        section.note("pings per second, per round: " + rates.stream().map(r -> String.format(Locale.ROOT, "%.0f", r))
                .toList());
        section.text = "the endpoint's last answer:\n" + last + "\n";
        return section;
    }
}
