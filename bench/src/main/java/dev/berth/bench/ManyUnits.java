package dev.berth.bench;

import dev.berth.testsupport.Api;
import dev.berth.testsupport.BerthProcess;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * P5, many units: {@link #UNITS} units over {@link #HOSTS} hosts written straight into the running Berth's database
 * (through H2's automatic server, as the system tests' ManyUsersIT does: the API would take far longer), then
 * {@code GET /api/units} timed over {@link #REQUESTS} requests (random pages, if the API pages; else the whole list),
 * one reconciliation sweep's time over them (the timer {@code berth_reconcile_sweep_seconds} at {@code /metrics}),
 * and a batch of {@link #BATCH_USERS} users with one unit each (not started) applied, if the API has batches. The
 * hosts are seeded ONLINE (their units are what a sweep looks at), the units STOPPED as wanted; all seeded rows are
 * deleted again afterwards.
 *
 * <p>System properties: {@code bench.many.units} (10,000), {@code bench.many.hosts} (50), {@code bench.many.requests}
 * (200; 20 when the API answers the whole list), {@code bench.many.batch} (1,000 users).
 */
final class ManyUnits {

    static final int UNITS = Integer.getInteger("bench.many.units", 10_000);
    static final int HOSTS = Integer.getInteger("bench.many.hosts", 50);
    static final int REQUESTS = Integer.getInteger("bench.many.requests", 200);
    static final int BATCH_USERS = Integer.getInteger("bench.many.batch", 1000);
    private static final int OWNERS = 100;
    private static final int PAGE = 50;
    private static final Duration SWEEP_WINDOW = Duration.ofSeconds(Integer.getInteger("bench.many.sweep.seconds",
            20));
    /** A little more than the Reconciler's period (2 s): most reads of /metrics then see one more sweep. */
    private static final Duration SWEEP_READ = Duration.ofMillis(2100);
    private static final Duration BATCH_DEADLINE = Duration.ofMinutes(10);
    /** A whole list that takes longer than this is read 3 times, not 20. */
    private static final Duration SLOW = Duration.ofSeconds(5);
    private static final Pattern METRIC = Pattern.compile("^(\\w+)(\\{[^}]*})?\\s+(\\S+)$", Pattern.MULTILINE);

    private final BerthProcess berth;
    // HTTP/1.1: the client's h2c upgrade of a long request was cut short by the server (EOF after some 30 s)
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String prefix;
    private final Samples listing = new Samples("GET /api/units");
    private final List<String> notes = new ArrayList<>();
    private boolean paged;

    ManyUnits(BerthProcess berth, String run) {
        this.berth = berth;
        this.prefix = "many" + run;
    }

    /** H2's automatic server on the data dir's database: Berth's own URL, and a second process may connect. */
    static String databaseUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("db").resolve("berth") + ";AUTO_SERVER=TRUE";
    }

    Section run(Api admin) throws Exception {
        Section section = new Section("P5", "many units").measured(String.format(Locale.ROOT, """
                %,d units over %d hosts (ONLINE, units STOPPED as wanted, %d owners) written into the database; then \
                `GET /api/units` as the admin, one client, %s; the reconciliation sweep's time over them \
                (`berth_reconcile_sweep_seconds` read every 2.1 s for %d s); a batch of %,d users with one unit each (not \
                started), from `POST /api/batches` until the batch is DONE. Goals: p95 of the reads under 300 ms, \
                a sweep under 2 s, the batch under 10 s.""", UNITS, HOSTS, OWNERS,
                "random pages of " + PAGE + " if the API pages, else the whole list", SWEEP_WINDOW.toSeconds(),
                BATCH_USERS));
        String model = "model" + prefix;
        admin.post("/users", """
                {"name":"%s","alias":"Benchmark many units","password":"%s","memory":"16m","cpuShares":2}"""
                .formatted(model, "pw-" + UUID.randomUUID())).expect(201, "creating user " + model);
        double[] before = sweeps();
        long seeding = System.nanoTime();
        try (Connection db = database()) {
            seed(db, model);
        }
        Suite.say(String.format(Locale.ROOT, "P5: %d units over %d hosts seeded in %.1f s", UNITS, HOSTS,
                (System.nanoTime() - seeding) / 1e9));
        try {
            sweep(section, before);
            list(section);
        } finally {
            try (Connection db = database()) {
                unseed(db);
            }
        }
        try {
            batch(admin, section);
        } catch (IOException | TimeoutException | RuntimeException e) {
            section.verdict("a " + BATCH_USERS + "-user batch: failed, " + Suite.reason(e.toString()), "< 10 s",
                    false);
        }
        notes.forEach(section::note);
        return section;
    }

    private Connection database() throws SQLException, IOException {
        return DriverManager.getConnection(databaseUrl(berth.dataDir()), "berth", secret("BERTH_DB_PASSWORD"));
    }

    private String secret(String key) throws IOException {
        return Files.readAllLines(berth.dataDir().resolve("secrets.env")).stream()
                .filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1)).findFirst()
                .orElseThrow(() -> new IOException(key + " is not in " + berth.dataDir().resolve("secrets.env")));
    }

    private void seed(Connection db, String model) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement hosts = db.prepareStatement("""
                insert into host (name, address, state, cpus, memory_bytes, last_seen, registered_at)
                select ? || lpad(cast(x as varchar), 3, '0'), '10.99.0.' || x, 'ONLINE', 2, 8589934592, ?, ?
                from system_range(1, ?)""");
             PreparedStatement users = db.prepareStatement("""
                insert into app_user (name, alias, password_hash, role, memory, memory_bytes, cpu_shares, home,
                                      created_at)
                select ? || lpad(cast(x as varchar), 3, '0'), 'many ' || x,
                       (select password_hash from app_user where name = ?), 'USER', '64m', 67108864, 512,
                       '/nonexistent/' || x, ?
                from system_range(1, ?)""");
             PreparedStatement units = db.prepareStatement("""
                insert into unit (owner_id, host_id, port, image, desired_state, state, created_at, updated_at,
                                  version)
                select (select id from app_user where name = ? || lpad(cast(mod(x, ?) + 1 as varchar), 3, '0')),
                       (select id from host where name = ? || lpad(cast(mod(x, ?) + 1 as varchar), 3, '0')),
                       20000 + x / ?, 'berth/probe:1', 'STOPPED', 'STOPPED', ?, ?, 0
                from system_range(0, ?)""")) {
            hosts.setString(1, prefix + "-h");
            hosts.setTimestamp(2, now);
            hosts.setTimestamp(3, now);
            hosts.setInt(4, HOSTS);
            hosts.executeUpdate();
            users.setString(1, prefix + "-u");
            users.setString(2, model);
            users.setTimestamp(3, now);
            users.setInt(4, OWNERS);
            users.executeUpdate();
            units.setString(1, prefix + "-u");
            units.setInt(2, OWNERS);
            units.setString(3, prefix + "-h");
            units.setInt(4, HOSTS);
            units.setInt(5, HOSTS);
            units.setTimestamp(6, now);
            units.setTimestamp(7, now);
            units.setInt(8, UNITS - 1);
            int seeded = units.executeUpdate();
            if (seeded != UNITS) {
                throw new IllegalStateException("seeded " + seeded + " units, not " + UNITS);
            }
        }
    }

    private void unseed(Connection db) throws SQLException {
        for (String sql : List.of(
                "delete from unit where host_id in (select id from host where name like ?)",
                "delete from app_user where name like ?",
                "delete from host where name like ?")) {
            try (PreparedStatement delete = db.prepareStatement(sql)) {
                delete.setString(1, prefix + "-%");
                delete.executeUpdate();
            }
        }
    }

    /**
     * The sweeps after the seeding: the timer's count and sum read every {@link #SWEEP_READ} for
     * {@link #SWEEP_WINDOW}; each read that saw new sweeps gives their mean duration, one sample.
     */
    private void sweep(Section section, double[] before) throws IOException, InterruptedException {
        Samples sweeps = new Samples("a reconciliation sweep");
        double[] last = before;
        long end = System.nanoTime() + SWEEP_WINDOW.toNanos();
        int seen = 0;
        while (System.nanoTime() - end < 0) {
            LockSupport.parkNanos(SWEEP_READ.toNanos());
            double[] now = sweeps();
            if (Double.isNaN(now[0])) {
                section.verdict("reconciliation sweep: no `berth_reconcile_sweep_seconds` at /metrics", "< 2 s",
                        null);
                return;
            }
            double count = now[0] - last[0];
            if (count > 0) {
                sweeps.add((long) ((now[1] - last[1]) / count * 1e9));
                seen += (int) count;
            }
            last = now;
        }
        if (sweeps.count() == 0) {
            section.verdict("reconciliation sweep: none finished within " + SWEEP_WINDOW.toSeconds() + " s", "< 2 s",
                    false);
            return;
        }
        section.row(String.format(Locale.ROOT, "a reconciliation sweep (%d sweeps in %d s)", seen,
                SWEEP_WINDOW.toSeconds()), sweeps, "ms");
        section.verdict(String.format(Locale.ROOT, "reconciliation sweep over %,d units: median %.1f ms, p95 %.1f ms",
                UNITS, sweeps.median(), sweeps.percentile(95)), "< 2 s", sweeps.percentile(95) < 2000);
        notes.add("a sweep reads only the units that may be out of step (one indexed query); all seeded units are as"
                + " wanted, so it is that query over " + UNITS + " units on ONLINE hosts");
    }

    /** {@code berth_reconcile_sweep_seconds}: count and sum (s); NaN when /metrics has no such timer. */
    private double[] sweeps() throws IOException, InterruptedException {
        String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(berth.url() + "/metrics"))
                .header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString()).body();
        double[] values = {Double.NaN, Double.NaN};
        Matcher m = METRIC.matcher(text);
        while (m.find()) {
            switch (m.group(1)) {
                case "berth_reconcile_sweep_seconds_count" -> values[0] = Double.parseDouble(m.group(3));
                case "berth_reconcile_sweep_seconds_sum" -> values[1] = Double.parseDouble(m.group(3));
                default -> {
                    // another metric
                }
            }
        }
        return values;
    }

    /**
     * {@code GET /api/units}: random pages when the API pages (asked with limit and after, a unit id), else the
     * whole list: 20 requests, or 3 when one takes longer than {@link #SLOW}.
     */
    private void list(Section section) throws IOException, InterruptedException {
        long sent = System.nanoTime();
        JsonArray firstPage = Json.createReader(new StringReader(get("/api/units?limit=" + PAGE + "&after=0")))
                .readArray();
        int first = firstPage.size();
        // the seeded units have consecutive ids: a page begins after any of them
        long before = first == 0 ? 0 : firstPage.getJsonObject(0).getJsonNumber("id").longValue() - 1;
        long firstTook = System.nanoTime() - sent;
        paged = first <= PAGE;
        int requests = paged ? REQUESTS : Integer.getInteger("bench.many.requests",
                firstTook > SLOW.toNanos() ? 3 : 20);
        if (!paged) {
            notes.add(String.format(Locale.ROOT, "`GET /api/units` has no paging in this build (`limit`/`after`"
                    + " ignored: %d units in one answer), so each request read the whole list; the first took"
                    + " %.1f s", first, firstTook / 1e9));
        }
        Random random = new Random(42);
        for (int i = 0; i < requests; i++) {
            String path = paged ? "/api/units?limit=" + PAGE + "&after=" + (before
                    + (long) random.nextInt(UNITS / PAGE) * PAGE) : "/api/units";
            long start = System.nanoTime();
            get(path);
            listing.add(System.nanoTime() - start);
        }
        section.row(paged ? "GET /api/units, a random page of " + PAGE : "GET /api/units, the whole list", listing,
                "ms");
        section.verdict(String.format(Locale.ROOT, "GET /api/units p95 %.0f ms over %d requests (%s)",
                listing.percentile(95), requests, paged ? "pages" : "whole list, unpaged"), "< 300 ms",
                listing.percentile(95) < 300);
    }

    /** A GET as the admin with a patient timeout (the API client's 30 s is too short for a whole list); its body. */
    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(berth.url() + path)).GET());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** A request as the admin with a patient timeout (10 min). */
    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofMinutes(10)).header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:"
                        + berth.adminPassword()).getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A batch of users with one unit each (not started), until DONE; not measured without the batch API. */
    private void batch(Api admin, Section section) throws TimeoutException, IOException, InterruptedException {
        if (admin.get("/batches?limit=1").status() != 200) {
            section.verdict("a " + BATCH_USERS + "-user batch: not measured, `/api/batches` is not in this build",
                    "< 10 s", null);
            return;
        }
        String batch = prefix + "-users";
        // one hash for all, made here: what an identity system hands over; Berth then hashes nothing (45 ms a user)
        String hash = pbkdf2("pw-" + UUID.randomUUID());
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < BATCH_USERS; i++) {
            String name = prefix + "-b" + i;
            items.append(items.isEmpty() ? "" : ",").append("""
                    {"key":"u%d","op":"user.upsert","user":{"name":"%s","alias":"batch %d","passwordHash":"%s",\
                    "memory":"16m","cpuShares":2}},\
                    {"key":"n%d","op":"unit.ensure","unit":{"user":"%s","host":"%s","port":%d}}""".formatted(i, name,
                    i, hash, i, name, berth.host(), 30000 + i));
        }
        long start = System.nanoTime();
        HttpResponse<String> submitted = send(HttpRequest.newBuilder(URI.create(berth.url() + "/api/batches"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"batch\":\"" + batch + "\",\"items\":[" + items + "]}")));
        if (submitted.statusCode() != 202) {
            section.verdict("a " + BATCH_USERS + "-user batch: refused, `POST /api/batches` answered "
                    + submitted.statusCode() + ": " + Suite.reason(submitted.body()), "< 10 s", false);
            return;
        }
        notes.add(String.format(Locale.ROOT, "`POST /api/batches` with the %d users answered 202 after %.1f s",
                BATCH_USERS, (System.nanoTime() - start) / 1e9));
        long end = start + BATCH_DEADLINE.toNanos();
        JsonObject view;
        while (true) {
            view = admin.get("/batches/" + batch).expect(200, "reading batch " + batch).json();
            if ("DONE".equals(view.getString("state"))) {
                break;
            }
            if (System.nanoTime() - end > 0) {
                throw new TimeoutException("batch " + batch + " not DONE after " + BATCH_DEADLINE.toMinutes()
                        + " min: " + view.getInt("pending") + " pending");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        section.row("a batch of " + BATCH_USERS + " users with a unit each, until DONE", seconds, Double.NaN, "s");
        section.verdict(String.format(Locale.ROOT, "%d-user batch applied in %.1f s (%d applied, %d failed)",
                BATCH_USERS, seconds, view.getInt("applied"), view.getInt("failed")), "< 10 s",
                seconds < 10 && view.getInt("failed") == 0);
    }

    /** Berth's stored form of a PBKDF2 hash of {@code password}, with Berth's own parameters. */
    private static String pbkdf2(String password) {
        byte[] salt = new byte[32];
        new SecureRandom().nextBytes(salt);
        try {
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 50000, 256)).getEncoded();
            return "PBKDF2WithHmacSHA256:50000:" + Base64.getEncoder().encodeToString(salt) + ":"
                    + Base64.getEncoder().encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no PBKDF2WithHmacSHA256", e);
        }
    }

    /** The plot's bars: the listing's median and p95. */
    List<Svg.Bar> bars() {
        return listing.count() == 0 ? List.of() : List.of(new Svg.Bar(paged ? "a page of " + PAGE : "the whole list",
                listing.median(), listing.percentile(95)));
    }
}
