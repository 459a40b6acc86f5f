package dev.berth.bench;

import dev.berth.testsupport.Api;
import dev.berth.testsupport.ConsoleClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Authenticated reads per second with {@link #CLIENTS} concurrent clients, one way of logging in at a time: HTTP
 * Basic, a Bearer token, a console session (its cookie), each against an unauthenticated baseline
 * ({@code GET /health/live}) in the same run. The modes take turns, round after round, so that all of them share the
 * machine's noise; every client is a thread with a connection of its own that sends its next request as soon as the
 * last one is answered. The benchmark's own clients run on the same CPUs as Berth, so the figures are what Berth
 * does while sharing them.
 * <p>
 * System properties: {@code bench.logins.clients} (8), {@code bench.logins.rounds} (3),
 * {@code bench.logins.seconds} (5: per mode and round).
 */
final class LoginThroughput {

    static final int CLIENTS = Integer.getInteger("bench.logins.clients", 8);
    private static final int ROUNDS = Integer.getInteger("bench.logins.rounds", 3);
    private static final Duration SPAN = Duration.ofSeconds(Integer.getInteger("bench.logins.seconds", 5));
    private static final Duration WARM_UP = Duration.ofSeconds(3);

    /** One way of asking: what is sent, by which client, and the status that counts as an answer. */
    private static final class Mode {

        final String name;
        final String request;
        final int expected;
        final IntFunction<HttpRequest> builder;
        long answered;
        long refused;
        long nanos;
        final Samples latency;

        Mode(String name, String request, int expected, IntFunction<HttpRequest> builder) {
            this.name = name;
            this.request = request;
            this.expected = expected;
            this.builder = builder;
            this.latency = new Samples(name);
        }

        double perSecond() {
            return answered / (nanos / 1e9);
        }
    }

    private final String base;
    private final List<Mode> modes = new ArrayList<>();
    private final List<HttpClient> clients = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Samples firstBasic = new Samples("a name's first Basic request (PBKDF2)");
    private final Samples nextBasic = new Samples("its next one (verified password remembered)");

    /**
     * Prepares the modes: a user of its own, a token of that user, and one console session per client.
     *
     * @param base  Berth's web address, e.g. {@code http://127.0.0.1:8080}
     * @param admin the API as the admin, to create the user
     */
    LoginThroughput(String base, Api admin, String run) {
        this.base = base;
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .followRedirects(HttpClient.Redirect.NEVER).build());
        }
        String user = "bench" + run + "-login";
        String password = "pw-" + UUID.randomUUID();
        admin.post("/users", """
                {"name":"%s","alias":"Benchmark %s logins","password":"%s","memory":"64m","cpuShares":512}"""
                .formatted(user, run, password)).expect(201, "creating user " + user);
        Api asUser = new Api(base + "/api", user, password);
        String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));

        modes.add(new Mode("baseline, no login", "GET /health/live", 200, c -> get("/health/live", null)));
        modes.add(new Mode("HTTP Basic", "GET /api/hosts", 200, c -> get("/api/hosts", basic)));
        Api.Reply token = asUser.post("/tokens", "{\"name\":\"bench\"}");
        if (token.status() == 201) {
            String bearer = "Bearer " + token.json().getString("token");
            modes.add(new Mode("Bearer token", "GET /api/hosts", 200, c -> get("/api/hosts", bearer)));
        } else {
            notes.add("no Bearer mode: POST /api/tokens answered " + token.status() + " " + token.body());
        }
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            ConsoleClient console = new ConsoleClient(base);
            ConsoleClient.Page login = console.logIn(user, password);
            if (login.status() != 302 || console.cookie("JSESSIONID").isEmpty()) {
                throw new IllegalStateException("the console login of " + user + " answered " + login.status()
                        + " " + login.location().orElse(""));
            }
            sessions.add("JSESSIONID=" + console.cookie("JSESSIONID").orElseThrow());
        }
        modes.add(new Mode("console session", "GET /console/index.xhtml (302)", 302,
                c -> get("/console/index.xhtml", null, "Cookie", sessions.get(c))));
        modes.add(new Mode("console session, a page", "GET /console/units.xhtml", 200,
                c -> get("/console/units.xhtml", null, "Cookie", sessions.get(c))));
    }

    private HttpRequest get(String path, String authorization, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return request.GET().build();
    }

    /**
     * What a password costs a Basic request: the first request of a fresh name verifies it (PBKDF2), the next one
     * finds it remembered. One client, sequential, {@code users} fresh users.
     */
    void passwordCost(Api admin, String run, int users) throws IOException, InterruptedException {
        HttpClient client = clients.get(0);
        for (int i = 0; i < users; i++) {
            String user = "bench" + run + "-pw" + i;
            String password = "pw-" + UUID.randomUUID();
            admin.post("/users", """
                    {"name":"%s","alias":"Benchmark %s password %d","password":"%s","memory":"64m","cpuShares":512}"""
                    .formatted(user, run, i, password)).expect(201, "creating user " + user);
            HttpRequest request = get("/api/hosts", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
            for (Samples samples : List.of(firstBasic, nextBasic)) {
                long sent = System.nanoTime();
                int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                samples.add(System.nanoTime() - sent);
                if (status != 200) {
                    throw new IllegalStateException("GET /api/hosts as " + user + " answered " + status);
                }
            }
        }
    }

    /** Warms every mode up, then measures the rounds. */
    void run() throws InterruptedException {
        for (Mode mode : modes) {
            say("logins: warming up " + mode.name);
            load(mode, WARM_UP, false);
        }
        for (int round = 1; round <= ROUNDS; round++) {
            List<String> figures = new ArrayList<>();
            for (Mode mode : modes) {
                long answered = mode.answered;
                long nanos = mode.nanos;
                load(mode, SPAN, true);
                figures.add(String.format(Locale.ROOT, "%s %.0f/s", mode.name,
                        (mode.answered - answered) / ((mode.nanos - nanos) / 1e9)));
            }
            say(String.format(Locale.ROOT, "logins: round %d/%d: %s", round, ROUNDS, String.join(", ", figures)));
        }
    }

    /** {@link #CLIENTS} threads asking as fast as they are answered, for {@code span}. */
    private void load(Mode mode, Duration span, boolean counted) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[] answered = new long[CLIENTS];
        long[] refused = new long[CLIENTS];
        List<List<Long>> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long[] window = new long[2];
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            List<Long> mine = new ArrayList<>();
            latencies.add(mine);
            HttpRequest request = mode.builder.apply(client);
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    long end = window[1];
                    while (System.nanoTime() - end < 0) {
                        long sent = System.nanoTime();
                        HttpResponse<byte[]> response = clients.get(client).send(request,
                                HttpResponse.BodyHandlers.ofByteArray());
                        mine.add(System.nanoTime() - sent);
                        if (response.statusCode() == mode.expected) {
                            answered[client]++;
                        } else {
                            refused[client]++;
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    failure.compareAndSet(null, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench-login-" + client);
            thread.start();
            threads.add(thread);
        }
        window[0] = System.nanoTime();
        window[1] = window[0] + span.toNanos();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        long took = System.nanoTime() - window[0];
        if (failure.get() != null) {
            throw new IllegalStateException(mode.name + ": " + failure.get(), failure.get());
        }
        if (counted) {
            for (int c = 0; c < CLIENTS; c++) {
                mode.answered += answered[c];
                mode.refused += refused[c];
                latencies.get(c).forEach(mode.latency::add);
            }
            mode.nanos += took;
        }
    }

    /** The report's block. */
    String report() {
        StringBuilder out = new StringBuilder();
        String line = "-".repeat(86) + "\n";
        out.append(line.replace('-', '='));
        out.append(String.format(Locale.ROOT, "authenticated reads: %d concurrent clients, %d rounds of %d s per mode,"
                + " after %d s of warm-up each%n", CLIENTS, ROUNDS, SPAN.toSeconds(), WARM_UP.toSeconds()));
        notes.forEach(n -> out.append("note: ").append(n).append('\n'));
        out.append(line);
        out.append(String.format(Locale.ROOT, "%-24s %-31s %8s %7s %7s %7s%n", "login", "request", "req/s",
                "ratio", "median", "p99 ms"));
        out.append(line);
        double baseline = modes.get(0).perSecond();
        for (Mode mode : modes) {
            out.append(String.format(Locale.ROOT, "%-24s %-31s %8.0f %7.2f %7.2f %7.2f%s%n", mode.name, mode.request,
                    mode.perSecond(), mode.perSecond() / baseline, mode.latency.median(),
                    mode.latency.percentile(99), mode.refused == 0 ? ""
                            : "  (" + mode.refused + " answers other than " + mode.expected + ")"));
        }
        out.append(line);
        out.append("ratio: req/s of the mode / req/s of the baseline in the same run\n");
        if (firstBasic.count() > 0) {
            out.append(String.format(Locale.ROOT, "%s: median %.1f ms; %s: median %.1f ms (%d names, one client)%n",
                    firstBasic.name(), firstBasic.median(), nextBasic.name(), nextBasic.median(),
                    firstBasic.count()));
        }
        return out.toString();
    }

    /** The report's section P9: latency per mode, reads per second against the baseline, the 1,000/s goal. */
    Section section() {
        Section section = new Section("P9", "authenticated API reads per second")
                .measured(String.format(Locale.ROOT, "%d concurrent clients, each sending its next request as soon as"
                        + " the last was answered; %d rounds of %d s per mode, the modes taking turns, after %d s of"
                        + " warm-up each. Baseline: `GET /health/live` without a login, in the same run. Goal: at"
                        + " least 1,000 authenticated reads/s (Basic, token, session).", CLIENTS, ROUNDS,
                        SPAN.toSeconds(), WARM_UP.toSeconds()));
        double baseline = modes.get(0).perSecond();
        for (Mode mode : modes) {
            section.row(mode.name + " (" + mode.request + "), latency", mode.latency, "ms");
        }
        for (Mode mode : modes) {
            String figure = String.format(Locale.ROOT, "%s: %.0f req/s, ratio to the baseline %.2f", mode.name,
                    mode.perSecond(), mode.perSecond() / baseline);
            boolean goal = !mode.name.startsWith("baseline") && !mode.name.endsWith("a page");
            section.verdict(figure, goal ? ">= 1,000 req/s" : "(reference)", goal ? mode.perSecond() >= 1000 : null);
        }
        if (firstBasic.count() > 0) {
            section.note(String.format(Locale.ROOT, "%s: median %.1f ms; %s: median %.1f ms", firstBasic.name(),
                    firstBasic.median(), nextBasic.name(), nextBasic.median()));
        }
        notes.forEach(section::note);
        section.text = report();
        return section;
    }

    /** The modes' medians and p95 of latency, for the plot. */
    List<Svg.Bar> bars() {
        return modes.stream().map(m -> new Svg.Bar(m.name, m.perSecond(), Double.NaN)).toList();
    }

    private static void say(String message) {
        System.out.println("[bench] " + message);
        System.out.flush();
    }
}
