package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import dev.berth.testsupport.Api;
import dev.berth.testsupport.Poll;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /units/{id}/logs?follow=true}, like {@code docker logs -f}: new lines reach an open stream as the
 * container writes them, the stream ends when the unit stops, and a client that goes away stops the agent's
 * follower. Berth runs with at most {@link RunningBerth#MAX_LOG_FOLLOWERS} followers per agent.
 */
@ExtendWith(RunningBerth.class)
class FollowLogsIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String END = "\u0000end of stream";

    private final RunningBerth berth;
    private final Fixtures fixtures;

    FollowLogsIT(RunningBerth berth) {
        this.berth = berth;
        this.fixtures = new Fixtures(berth);
    }

    @Test
    void streamsNewLinesAsTheUnitWritesThemUntilItStops() throws Exception {
        String user = fixtures.newUser("64m", 512);
        int port = RunningBerth.freePort();
        long unit = runningUnit(user, port);

        try (Follow follow = Follow.open(berth, user, unit, "tail=all")) {
            assertThat(follow.status).isEqualTo(200);
            assertThat(follow.contentType).startsWith("text/plain");
            follow.awaitLine(line -> line.contains("berth probe serving on port " + port), "the tail");

            String marker = "follow-marker-" + UUID.randomUUID();
            writeToUnitLog(unit, marker);
            follow.awaitLine(line -> line.equals(marker), "the line written after the stream opened");

            // the unit's own behaviour: its web server logs every request it answers
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/")).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(200);
            follow.awaitLine(line -> line.endsWith("response:200"), "the unit's log line of an HTTP request");

            fixtures.finished(fixtures.request(berth.admin(), unit, "stop"));
            follow.awaitLine(END::equals, "the end of the stream once the unit stopped");
            assertThat(follow.lines).noneMatch(line -> line.startsWith("[berth]"));
        }
        awaitFollowersEnded(unit, 1);
        fixtures.finished(fixtures.request(berth.admin(), unit, "delete"));
    }

    @Test
    void refusesBeforeStreamingWithTheStatusOfAPlainRead() throws Exception {
        String owner = fixtures.newUser("64m", 512);
        long neverStarted = fixtures.newUnit(owner, RunningBerth.HOST, RunningBerth.freePort());
        String stranger = fixtures.newUser("64m", 512);

        Api.Reply foreign = berth.as(stranger, Fixtures.PASSWORD).get("/units/" + neverStarted + "/logs?follow=true");
        Api.Reply none = berth.as(owner, Fixtures.PASSWORD).get("/units/" + neverStarted + "/logs?follow=true");
        Api.Reply badTail = berth.as(owner, Fixtures.PASSWORD).get("/units/" + neverStarted
                + "/logs?follow=true&tail=many");

        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.error()).isNotBlank();
        assertThat(none.status()).isEqualTo(409);
        assertThat(none.error()).contains("unit " + neverStarted + " has no container on host " + RunningBerth.HOST);
        assertThat(badTail.status()).isEqualTo(400);
        assertThat(badTail.error()).contains("tail 'many'");
    }

    @Test
    void aClientThatGoesAwayStopsTheAgentsFollower() throws Exception {
        String user = fixtures.newUser("64m", 512);
        long unit = runningUnit(user, RunningBerth.freePort());
        String marker = "after-close-" + UUID.randomUUID();

        try (Follow first = Follow.open(berth, user, unit, "tail=all");
             Follow second = Follow.open(berth, user, unit, "tail=all")) {
            first.awaitLine(line -> line.contains("berth probe serving"), "the first stream's tail");
            second.awaitLine(line -> line.contains("berth probe serving"), "the second stream's tail");
            Api.Reply third = berth.as(user, Fixtures.PASSWORD).get("/units/" + unit + "/logs?follow=true");
            assertThat(third.status()).isEqualTo(503);
            assertThat(third.error()).contains("already follows " + RunningBerth.MAX_LOG_FOLLOWERS + " log streams");

            first.close();
            // the manager learns that its reader has gone when a write fails, which may take a line or two:
            // give it lines to write until the agent says the manager stopped the follower
            Poll.until(DEADLINE, "the agent to log that the manager stopped the follower of unit " + unit, () -> {
                writeToUnitLog(unit, marker);
                return berth.log().lines().anyMatch(line -> line.contains("stopped following the logs of unit "
                        + unit + " ") && line.contains("the manager stopped reading"));
            });
            second.awaitLine(line -> line.equals(marker), "the lines on the stream still open");
            try (Follow again = Follow.open(berth, user, unit, "tail=1")) {
                assertThat(again.status).as("a follower's place is free again").isEqualTo(200);
                again.awaitLine(line -> line.contains(marker), "the new stream's tail");
            }
        } finally {
            // removing the container ends every stream of it, also those whose reader left while the unit was silent
            fixtures.finished(fixtures.request(berth.admin(), unit, "delete"));
        }
        awaitFollowersEnded(unit, 3);
    }

    /** Waits until the agent has logged the end of {@code count} followers of the unit: their places are free. */
    private void awaitFollowersEnded(long unit, int count) {
        Poll.until(DEADLINE, count + " followers of unit " + unit + " to end", () -> berth.log().lines()
                .filter(line -> line.contains("stopped following the logs of unit " + unit + " ")).count() >= count);
    }

    private long runningUnit(String user, int port) {
        long unit = fixtures.newUnit(user, RunningBerth.HOST, port);
        fixtures.request(berth.admin(), unit, "start");
        assertThat(fixtures.settled(unit).getString("state")).isEqualTo("RUNNING");
        return unit;
    }

    /** Writes a line to the container's log as its main process would: to PID 1's standard output. */
    private void writeToUnitLog(long unit, String line) throws InterruptedException {
        String container = berth.containersOf(unit).get(0).getId();
        String exec = berth.docker().execCreateCmd(container)
                .withCmd("sh", "-c", "echo " + line + " > /proc/1/fd/1").withAttachStdout(true)
                .withAttachStderr(true).exec().getId();
        berth.docker().execStartCmd(exec).exec(new ResultCallback.Adapter<Frame>()).awaitCompletion(10,
                TimeUnit.SECONDS);
        assertThat(berth.docker().inspectExecCmd(exec).exec().getExitCodeLong()).isZero();
    }

    /** An open follow request: its lines arrive on a queue, read by a thread of its own. */
    private static final class Follow implements AutoCloseable {
        private final int status;
        private final String contentType;
        private final InputStream body;
        private final BlockingQueue<String> arriving = new LinkedBlockingQueue<>();
        private final List<String> lines = new CopyOnWriteArrayList<>();

        private Follow(HttpResponse<InputStream> response) {
            this.status = response.statusCode();
            this.contentType = response.headers().firstValue("Content-Type").orElse("");
            this.body = response.body();
            Thread reader = new Thread(this::read, "follow-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static Follow open(RunningBerth berth, String user, long unit, String query) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create(berth.apiBase() + "/units/" + unit
                            + "/logs?follow=true&" + query))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (user + ":" + Fixtures.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .build();
            // a client of its own: closing its body closes its connection, as a reader going away does
            return new Follow(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream()));
        }

        private void read() {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                    arriving.add(line);
                }
            } catch (IOException closed) {
                // closed by the test
            }
            arriving.add(END);
        }

        void awaitLine(java.util.function.Predicate<String> wanted, String what) {
            Poll.until(DEADLINE, what + " on the followed stream (so far: " + lines + ")", () -> {
                String line = arriving.poll(200, TimeUnit.MILLISECONDS);
                return line != null && wanted.test(line);
            });
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
