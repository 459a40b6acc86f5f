package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testsupport.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Requests that change the same unit at the same time: each transaction reads the unit, changes it and commits, and
 * the one that commits second finds the row's version moved on. Berth runs it again on the fresh row instead of
 * answering 500 (what an owner clicking while an agent reports on the unit used to get, now and then).
 */
@ExtendWith(RunningBerth.class)
class ConcurrentChangesIT {

    private static final int CLIENTS = 8;
    private static final int REQUESTS = 12;

    private final RunningBerth berth;
    private final Fixtures fixtures;

    ConcurrentChangesIT(RunningBerth berth) {
        this.berth = berth;
        this.fixtures = new Fixtures(berth);
    }

    @Test
    void changesOfOneUnitAtTheSameTimeAllGoThrough() throws Exception {
        String owner = fixtures.newUser("64m", 512);
        long unit = fixtures.newUnit(owner, RunningBerth.HOST, RunningBerth.freePort());
        String token = berth.admin().post("/tokens", "{\"name\":\"concurrent\"}").expect(201, "an API token").json()
                .getString("token");
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<List<Api.Reply>>> sent = new ArrayList<>();
        try {
            for (int c = 0; c < CLIENTS; c++) {
                Api api = berth.withToken(token);
                int client = c;
                Callable<List<Api.Reply>> requests = () -> {
                    List<Api.Reply> replies = new ArrayList<>();
                    for (int r = 0; r < REQUESTS; r++) {
                        // every request changes the row: the policies alternate, out of step between clients
                        String policy = (client + r) % 2 == 0 ? "always" : "never";
                        replies.add(api.put("/units/" + unit + "/restart-policy", "application/json",
                                "{\"policy\":\"" + policy + "\"}"));
                    }
                    return replies;
                };
                sent.add(clients.submit(requests));
            }
            Map<Integer, Integer> statuses = new TreeMap<>();
            List<String> failures = new ArrayList<>();
            for (Future<List<Api.Reply>> client : sent) {
                for (Api.Reply reply : client.get()) {
                    statuses.merge(reply.status(), 1, Integer::sum);
                    if (reply.status() != 200) {
                        failures.add(reply.status() + " " + reply.body());
                    }
                }
            }

            assertThat(failures).as("answers other than 200, by status " + statuses).isEmpty();
            long changes = berth.admin().get("/audit?unit=" + unit + "&limit=1000").array().stream()
                    .filter(entry -> "unit.restart-policy".equals(entry.asJsonObject().getString("action")))
                    .count();
            assertThat(changes).as("one audit record per request that went through").isEqualTo((long) CLIENTS * REQUESTS);
        } finally {
            clients.shutdownNow();
        }
    }
}
