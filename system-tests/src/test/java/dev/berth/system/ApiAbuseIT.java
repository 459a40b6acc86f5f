package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testsupport.Api;
import dev.berth.testsupport.Poll;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API under abuse: oversized bodies are refused before they are read or the login is checked; repeated failed
 * logins are slowed, then locked out for a while, the same for names that exist and names that do not; users change
 * their passwords, admins reset them, disable and delete users; the admin's password rotates; and no secret shows in
 * the process list or the log while the launcher talks to Berth.
 */
@ExtendWith(RunningBerth.class)
class ApiAbuseIT {

    private static final Duration LOCK_DEADLINE = Duration.ofSeconds(30);

    private final RunningBerth berth;
    private final Fixtures fixtures;

    @TempDir
    Path dir;

    ApiAbuseIT(RunningBerth berth) {
        this.berth = berth;
        this.fixtures = new Fixtures(berth);
    }

    // --- 413 ---

    @Test
    void refusesADeclaredOversizedBodyWith413BeforeReadingItOrCheckingTheLogin() throws IOException {
        String wrong = basic("nobody-" + UUID.randomUUID().toString().substring(0, 8), "wrong-password");
        for (String authorization : new String[] {null, wrong, basic("admin", berth.adminPassword())}) {
            // 100 MiB announced, 1 KiB sent: an answer at all proves the body was not waited for
            String answer = rawRequest("POST", "/api/users", "application/json", 100L << 20, authorization);

            assertThat(answer).as("with Authorization %s", authorization).startsWith("HTTP/1.1 413");
            assertThat(answer).contains("{\"error\":\"request body over 65536 bytes for POST /api/users;");
        }
        assertThat(rawRequest("PUT", "/api/users/aaa/config/unitServer.xml", "application/xml", 2L << 20, null))
                .startsWith("HTTP/1.1 413").contains("request body over 1048576 bytes for PUT /api/users/aaa/config/");
        assertThat(rawRequest("POST", "/api/images?host=all", "application/x-tar", 5L << 30, null))
                .startsWith("HTTP/1.1 413").contains("for POST /api/images").contains("BERTH_IMAGES_MAX_UPLOAD_MB");
    }

    @Test
    void refusesAChunkedBodyOnceItPassesTheLimitAndTakesASmallOne() throws Exception {
        byte[] big = ("{\"name\":\"x\",\"alias\":\"" + "a".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        String name = "ch" + UUID.randomUUID().toString().substring(0, 8);
        byte[] small = ("{\"name\":\"" + name + "\",\"password\":\"" + Fixtures.PASSWORD
                + "\",\"memory\":\"64m\",\"cpuShares\":512}").getBytes(StandardCharsets.UTF_8);

        Api.Reply refused = chunked("/users", big);
        Api.Reply created = chunked("/users", small);

        assertThat(refused.status()).as(refused.body()).isEqualTo(413);
        assertThat(refused.error()).startsWith("request body over 65536 bytes for POST /api/users;");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    // --- login throttle ---

    @Test
    void locksANameAfterRepeatedFailuresSoThatEvenTheRightPasswordIsRefusedUntilTheLockIsOver() {
        String user = fixtures.newUser("64m", 512);

        Instant locked = lockOut(user);
        Api.Reply rightButLocked = berth.as(user, Fixtures.PASSWORD).get("/users/" + user);
        assertThat(rightButLocked.status()).isEqualTo(401);
        assertThat(rightButLocked.error()).contains("these credentials are not accepted");
        Poll.until(Duration.ofSeconds(RunningBerth.LOGIN_LOCK_SECONDS + 10), "the lock of " + user + " to end",
                () -> berth.as(user, Fixtures.PASSWORD).get("/users/" + user).status() == 200);

        assertThat(Duration.between(locked, Instant.now()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(RunningBerth.LOGIN_LOCK_SECONDS - 2));
        JsonObject record = audit(user, "login.locked");
        assertThat(record.getString("actor")).isEqualTo("system");
        assertThat(record.getString("detail")).contains(RunningBerth.LOGIN_LOCK_AFTER + " failed logins")
                .contains("from 127.0.0.1");
    }

    @Test
    void locksAnUnknownNameJustAsAKnownOne() {
        String unknown = "ghost" + UUID.randomUUID().toString().substring(0, 8);

        lockOut(unknown);

        assertThat(audit(unknown, "login.locked").getString("detail")).contains("failed logins");
    }

    @Test
    void takesAsLongToRefuseAnUnknownNameAsAKnownOne() {
        List<String> known = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            known.add(fixtures.newUser("64m", 512));
        }
        List<Long> knownNanos = new ArrayList<>();
        List<Long> unknownNanos = new ArrayList<>();
        for (String user : known) {
            // one failure per name: no throttle in the way
            knownNanos.add(failedLoginNanos(user));
            unknownNanos.add(failedLoginNanos("nx" + UUID.randomUUID().toString().substring(0, 8)));
        }

        long knownMedian = median(knownNanos);
        long unknownMedian = median(unknownNanos);
        // without the dummy PBKDF2 verification an unknown name would answer in a fraction of the time
        assertThat(unknownMedian).as("median ns: unknown %d, known %d", unknownMedian, knownMedian)
                .isGreaterThan(knownMedian / 2);
        assertThat(knownMedian).as("median ns: unknown %d, known %d", unknownMedian, knownMedian)
                .isGreaterThan(unknownMedian / 2);
    }

    // --- passwords, disable, delete ---

    @Test
    void aUserChangesTheirOwnPasswordAndTheOldOneStopsWorking() {
        String user = fixtures.newUser("64m", 512);
        String other = fixtures.newUser("64m", 512);
        Api self = berth.as(user, Fixtures.PASSWORD);
        String next = "next-" + UUID.randomUUID();

        Api.Reply withoutCurrent = self.put("/users/" + user + "/password", "application/json",
                "{\"new\":\"" + next + "\"}");
        Api.Reply wrongCurrent = self.put("/users/" + user + "/password", "application/json",
                "{\"current\":\"not-it-at-all\",\"new\":\"" + next + "\"}");
        Api.Reply tooShort = self.put("/users/" + user + "/password", "application/json",
                "{\"current\":\"" + Fixtures.PASSWORD + "\",\"new\":\"short\"}");
        Api.Reply forOther = self.put("/users/" + other + "/password", "application/json",
                "{\"new\":\"" + next + "\"}");
        Api.Reply changed = self.put("/users/" + user + "/password", "application/json",
                "{\"current\":\"" + Fixtures.PASSWORD + "\",\"new\":\"" + next + "\"}");

        assertThat(withoutCurrent.status()).isEqualTo(400);
        assertThat(withoutCurrent.error()).contains("send the current one too");
        assertThat(wrongCurrent.status()).isEqualTo(403);
        assertThat(wrongCurrent.error()).contains("the current password is not right");
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.error()).contains("at least 8 characters");
        assertThat(forOther.status()).isEqualTo(403);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().containsKey("passwordHash")).isFalse();
        assertThat(changed.json().getString("passwordChangedAt")).isNotEmpty();
        assertThat(berth.as(user, Fixtures.PASSWORD).get("/users/" + user).status()).isEqualTo(401);
        assertThat(berth.as(user, next).get("/users/" + user).status()).isEqualTo(200);
        assertThat(berth.as(other, Fixtures.PASSWORD).get("/users/" + other).status()).isEqualTo(200);
        assertThat(audit(user, "user.password.change").getString("actor")).isEqualTo(user);
    }

    @Test
    void anAdminResetsAPasswordWhichAlsoLiftsALock() {
        String user = fixtures.newUser("64m", 512);
        lockOut(user);
        String reset = "reset-" + UUID.randomUUID();

        Api.Reply done = berth.admin().put("/users/" + user + "/password", "application/json",
                "{\"new\":\"" + reset + "\"}");

        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(berth.as(user, reset).get("/users/" + user).status()).isEqualTo(200);
        assertThat(berth.as(user, Fixtures.PASSWORD).get("/users/" + user).status()).isEqualTo(401);
        assertThat(audit(user, "user.password.reset").getString("detail")).contains("reset by administrator admin");
    }

    @Test
    void aDisabledUserCannotLogInAndTheirRunningUnitStops() {
        String user = fixtures.newUser("64m", 512);
        long unit = fixtures.newUnit(user, RunningBerth.HOST, RunningBerth.freePort());
        fixtures.request(berth.as(user, Fixtures.PASSWORD), unit, "start");
        assertThat(fixtures.settled(unit).getString("state")).isEqualTo("RUNNING");

        Api.Reply refusedToUser = berth.as(user, Fixtures.PASSWORD).post("/users/" + user + "/disable", "");
        Api.Reply disabled = berth.admin().post("/users/" + user + "/disable", "");

        assertThat(refusedToUser.status()).isEqualTo(403);
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.json().getBoolean("disabled")).isTrue();
        assertThat(disabled.json().getJsonArray("stoppedUnits").getJsonNumber(0).longValue()).isEqualTo(unit);
        assertThat(berth.as(user, Fixtures.PASSWORD).get("/units/" + unit).status()).isEqualTo(401);
        assertThat(fixtures.settled(unit).getString("state")).isEqualTo("STOPPED");
        Api.Reply startRefused = berth.admin().post("/units/" + unit + "/start", "");
        assertThat(startRefused.status()).isEqualTo(409);
        assertThat(startRefused.error()).contains("user " + user + " is disabled");
        assertThat(audit(user, "user.disable").getString("detail")).contains("units stopped: [" + unit + "]");

        Api.Reply enabled = berth.admin().post("/users/" + user + "/enable", "");

        assertThat(enabled.status()).isEqualTo(200);
        assertThat(enabled.json().getBoolean("disabled")).isFalse();
        assertThat(berth.as(user, Fixtures.PASSWORD).get("/units/" + unit).json().getString("state"))
                .isEqualTo("STOPPED");
        fixtures.request(berth.admin(), unit, "delete");
    }

    @Test
    void deletesAUserOnlyOnceTheirUnitsAreGone() {
        String user = fixtures.newUser("64m", 512);
        long unit = fixtures.newUnit(user, RunningBerth.HOST, RunningBerth.freePort());

        Api.Reply refused = berth.admin().delete("/users/" + user);
        Api.Reply byUser = berth.as(user, Fixtures.PASSWORD).delete("/users/" + user);
        Api.Reply admin = berth.admin().delete("/users/admin");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error()).contains("still has 1 unit(s) [" + unit + "]").contains("delete them first");
        assertThat(byUser.status()).isEqualTo(403);
        assertThat(admin.status()).isEqualTo(409);
        assertThat(admin.error()).contains("is an administrator");

        fixtures.request(berth.admin(), unit, "delete");
        Poll.until(Duration.ofSeconds(60), "unit " + unit + " to be deleted",
                () -> berth.admin().get("/units/" + unit).status() == 404);
        Api.Reply deleted = berth.admin().delete("/users/" + user);

        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        assertThat(berth.admin().get("/users/" + user).status()).isEqualTo(404);
        assertThat(berth.as(user, Fixtures.PASSWORD).get("/units").status()).isEqualTo(401);
        assertThat(audit(user, "user.delete").getString("actor")).isEqualTo("admin");
    }

    // --- the launcher: admin password rotation, nothing secret in ps or the log ---

    @Test
    void rotatesTheAdminPasswordWithTheLauncherWithoutShowingItAnywhere() throws Exception {
        String old = berth.adminPassword();
        String rotated = "rotated-" + UUID.randomUUID();
        Path dataDir = Files.createDirectories(dir.resolve("data"));
        try {
            Launched run = launch(dataDir, rotated + "\n", Set.of(old, rotated), "admin-password");

            assertThat(run.exit()).as(run.output()).isZero();
            assertThat(run.secretsSeen()).as("secrets in a process's command line").isEmpty();
            assertThat(run.output()).doesNotContain(rotated).doesNotContain(old);
            assertThat(berth.as("admin", rotated).get("/hosts").status()).isEqualTo(200);
            assertThat(berth.as("admin", old).get("/hosts").status()).isEqualTo(401);
            Path file = dataDir.resolve("admin.password");
            assertThat(Files.readString(file).strip()).isEqualTo(rotated);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        } finally {
            Api.Reply back = berth.as("admin", rotated).put("/users/admin/password", "application/json",
                    "{\"current\":\"" + rotated + "\",\"new\":\"" + old + "\"}");
            assertThat(back.status()).as(back.body()).isIn(200, 401);
        }
        assertThat(berth.admin().get("/hosts").status()).isEqualTo(200);
    }

    @Test
    void showsNoSecretInTheProcessListWhileLauncherCommandsRunNorInTheLog() throws Exception {
        Set<String> secrets = Set.of(berth.adminPassword(), berth.secret("BERTH_DB_PASSWORD"),
                berth.brokerPassword("manager"), berth.brokerPassword("agent"));
        Path tar = dir.resolve("probe.tar");
        try (InputStream saved = berth.docker().saveImageCmd("berth/probe:1").exec()) {
            Files.copy(saved, tar);
        }
        String address = berth.admin().get("/hosts/" + RunningBerth.HOST).json().getString("address");
        Path users = Files.writeString(dir.resolve("docker_user.xml"), GuideFiles.dockerUsers(
                "ia" + UUID.randomUUID().toString().substring(0, 6), "ib" + UUID.randomUUID().toString().substring(0, 6),
                Fixtures.PASSWORD, berth.dataDir().resolve("homes").toString(),
                address + ":" + RunningBerth.freePort(), address + ":" + RunningBerth.freePort()));

        Launched load = launch(berth.dataDir(), "", secrets, "load-image", tar.toString(), RunningBerth.HOST);
        Launched importing = launch(berth.dataDir(), "", secrets, "import", "users", users.toString());
        Launched export = launch(berth.dataDir(), "", secrets, "export", "users");

        for (Launched run : List.of(load, importing, export)) {
            assertThat(run.exit()).as(run.command() + ": " + run.output()).isZero();
            assertThat(run.scans()).as(run.command() + ": process list scans while it ran").isPositive();
            assertThat(run.secretsSeen()).as(run.command() + ": secrets in a command line").isEmpty();
        }
        assertThat(load.output()).containsPattern("(?m)^" + RunningBerth.HOST + " +SUCCEEDED ");
        String log = berth.log();
        for (String secret : Stream.concat(secrets.stream(), Stream.of(Fixtures.PASSWORD)).toList()) {
            assertThat(log).as("the Berth log").doesNotContain(secret);
        }
    }

    // --- helpers ---

    /** Fails logins of {@code name} (waiting out the slow-down) until it is locked; when it was. */
    private Instant lockOut(String name) {
        Poll.until(LOCK_DEADLINE, "'" + name + "' to be locked", () -> {
            assertThat(berth.as(name, "wrong-" + UUID.randomUUID()).get("/hosts").status()).isEqualTo(401);
            return berth.admin().get("/audit?user=" + name).array().stream()
                    .anyMatch(r -> "login.locked".equals(((JsonObject) r).getString("action")));
        });
        return Instant.now();
    }

    private JsonObject audit(String user, String action) {
        return berth.admin().get("/audit?user=" + user).array().stream().map(JsonObject.class::cast)
                .filter(r -> action.equals(r.getString("action"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + action + " of " + user + " in the audit trail"));
    }

    private long failedLoginNanos(String name) {
        long start = System.nanoTime();
        assertThat(berth.as(name, "wrong-" + UUID.randomUUID()).get("/hosts").status()).isEqualTo(401);
        return System.nanoTime() - start;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends a request announcing {@code declared} bytes of body but only 1 KiB of it, and returns what comes back
     * (status line, headers, body) within 15 s.
     */
    private String rawRequest(String method, String path, String contentType, long declared, String authorization)
            throws IOException {
        URI base = URI.create(berth.url());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            String head = method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: "
                    + contentType + "\r\nContent-Length: " + declared + "\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[1024]);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[4096];
            int n;
            try {
                while ((n = in.read(buffer)) >= 0) {
                    answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    if (answer.indexOf("\"}") >= 0) {
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException waited) {
                // what came is the answer; a server waiting for the body would have sent nothing
            }
            return answer.toString();
        }
    }

    /** A POST whose body has no declared length: sent chunked. */
    private Api.Reply chunked(String path, byte[] body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(berth.apiBase() + path))
                .header("Authorization", basic("admin", berth.adminPassword()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        return new Api.Reply(response.statusCode(), response.body());
    }

    /**
     * A launcher command run to its end, and what the process list showed meanwhile.
     *
     * @param secretsSeen the secrets found in some process's command line while it ran
     * @param scans       how often the process list was read while it ran
     */
    private record Launched(List<String> command, int exit, String output, Set<String> secretsSeen, int scans) {
    }

    /** Runs {@code ./berth <args>} against the booted Berth, reading every process's command line while it runs. */
    private Launched launch(Path dataDir, String stdin, Set<String> secrets, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(RunningBerth.root().resolve("berth").toString()));
        command.addAll(List.of(args));
        Path output = dir.resolve("launcher-" + UUID.randomUUID() + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("BERTH_HTTP_PORT", String.valueOf(URI.create(berth.url()).getPort()));
        builder.environment().put("BERTH_DATA_DIR", dataDir.toString());
        builder.environment().put("BERTH_ADMIN_PASSWORD", berth.adminPassword());
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        Set<String> seen = new java.util.TreeSet<>();
        int scans = 0;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (process.isAlive() && Instant.now().isBefore(deadline)) {
            scans++;
            seen.addAll(commandLineSecrets(secrets));
        }
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as(command + " finished").isTrue();
        return new Launched(command, process.exitValue(), Files.readString(output), seen, scans);
    }

    /** The secrets that appear in the command line of any process now. */
    private static Set<String> commandLineSecrets(Set<String> secrets) {
        Set<String> seen = new java.util.TreeSet<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path proc : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String cmdline;
                try {
                    cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
                } catch (IOException gone) {
                    continue;
                }
                secrets.stream().filter(cmdline::contains).forEach(s -> seen.add(s + " in " + cmdline
                        .replace('\0', ' ')));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return seen;
    }
}
