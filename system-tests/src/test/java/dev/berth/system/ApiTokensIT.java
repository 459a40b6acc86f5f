package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.berth.testsupport.Api;
import dev.berth.testsupport.ConsoleClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * API tokens: issued once and kept as a hash, used as {@code Authorization: Bearer}, acting with their user's role,
 * revoked by their owner or an admin, gone with their user's access; and the API never logs in from a console
 * session's cookie.
 */
@ExtendWith(RunningBerth.class)
class ApiTokensIT {

    private final RunningBerth berth;
    private final Fixtures fixtures;

    ApiTokensIT(RunningBerth berth) {
        this.berth = berth;
        this.fixtures = new Fixtures(berth);
    }

    @Test
    void aTokenIsShownOnceActsAsItsUserAndStopsWhenRevoked() {
        String user = fixtures.newUser("64m", 512);
        Api asUser = berth.as(user, Fixtures.PASSWORD);

        Api.Reply issued = asUser.post("/tokens", "{\"name\":\"nightly backup\",\"days\":7}");

        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        JsonObject token = issued.json();
        String secret = token.getString("token");
        assertThat(secret).matches("berth_[A-Za-z0-9_-]{43}");
        assertThat(token.getString("user")).isEqualTo(user);
        assertThat(token.getString("name")).isEqualTo("nightly backup");
        assertThat(Instant.parse(token.getString("expiresAt")))
                .isCloseTo(Instant.now().plus(Duration.ofDays(7)), within(5, ChronoUnit.MINUTES));
        long id = token.getJsonNumber("id").longValue();

        Api byToken = berth.withToken(secret);
        Api.Reply users = byToken.get("/users");
        assertThat(users.status()).as(users.body()).isEqualTo(200);
        // the user's own view: only their record, as with their password
        assertThat(users.array()).extracting(u -> u.asJsonObject().getString("name")).containsExactly(user);
        assertThat(byToken.post("/users", "{}").status()).isEqualTo(403);
        // listed without its secret
        Api.Reply listed = asUser.get("/tokens");
        assertThat(listed.body()).contains("nightly backup").doesNotContain(secret)
                .doesNotContain(secret.substring(6));

        assertThat(byToken.delete("/tokens/" + id).status()).isEqualTo(204);

        Api.Reply refused = byToken.get("/users");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.error()).contains("token is not accepted");
        assertThat(actions(user)).contains("token.issue", "token.revoke");
    }

    @Test
    void aTokenCanIssueAnotherAndLivesAtMostTheConfiguredDays() {
        String user = fixtures.newUser("64m", 512);
        String first = berth.as(user, Fixtures.PASSWORD).post("/tokens", "{}").json().getString("token");
        Api byToken = berth.withToken(first);

        Api.Reply second = byToken.post("/tokens", "{\"name\":\"from a token\"}");

        assertThat(second.status()).as(second.body()).isEqualTo(201);
        assertThat(Instant.parse(second.json().getString("expiresAt"))).isCloseTo(
                Instant.now().plus(Duration.ofDays(RunningBerth.TOKEN_MAX_DAYS)), within(5, ChronoUnit.MINUTES));
        Api.Reply tooLong = byToken.post("/tokens", "{\"days\":" + (RunningBerth.TOKEN_MAX_DAYS + 1) + "}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.error()).contains("1.." + RunningBerth.TOKEN_MAX_DAYS).contains("BERTH_TOKEN_MAX_DAYS");
        assertThat(byToken.post("/tokens", "{\"days\":0}").status()).isEqualTo(400);
        assertThat(byToken.post("/tokens", "{\"name\":\"" + "x".repeat(101) + "\"}").status()).isEqualTo(400);
    }

    @Test
    void aTokenOfADisabledUserIsRefusedAtOnceAndDoesNotComeBackWithEnable() {
        String user = fixtures.newUser("64m", 512);
        String secret = berth.as(user, Fixtures.PASSWORD).post("/tokens", "{}").json().getString("token");
        assertThat(berth.withToken(secret).get("/units").status()).isEqualTo(200);

        assertThat(berth.admin().post("/users/" + user + "/disable", "").status()).isEqualTo(200);

        assertThat(berth.withToken(secret).get("/units").status()).isEqualTo(401);
        assertThat(berth.admin().get("/tokens").body()).doesNotContain("\"user\":\"" + user + "\"");
        assertThat(berth.admin().get("/audit?user=" + user).body()).contains("token.revoke")
                .contains("the user was disabled by admin");
        assertThat(berth.admin().post("/users/" + user + "/enable", "").status()).isEqualTo(200);
        assertThat(berth.withToken(secret).get("/units").status()).isEqualTo(401);
    }

    @Test
    void aTokenOfADeletedUserIsRefused() {
        String user = fixtures.newUser("64m", 512);
        String secret = berth.as(user, Fixtures.PASSWORD).post("/tokens", "{}").json().getString("token");

        assertThat(berth.admin().delete("/users/" + user).status()).isEqualTo(204);

        assertThat(berth.withToken(secret).get("/units").status()).isEqualTo(401);
    }

    @Test
    void anAdminsTokenActsAsAdminAndOnlyOwnersAndAdminsRevoke() {
        String owner = fixtures.newUser("64m", 512);
        String other = fixtures.newUser("64m", 512);
        long id = berth.as(owner, Fixtures.PASSWORD).post("/tokens", "{\"name\":\"owners\"}").json()
                .getJsonNumber("id").longValue();
        String adminToken = berth.admin().post("/tokens", "{\"name\":\"admin's\"}").json().getString("token");
        Api admin = berth.withToken(adminToken);

        assertThat(berth.as(other, Fixtures.PASSWORD).get("/tokens").body()).doesNotContain("owners");
        assertThat(berth.as(other, Fixtures.PASSWORD).delete("/tokens/" + id).status()).isEqualTo(403);
        assertThat(admin.get("/tokens").body()).contains("\"user\":\"" + owner + "\"");
        assertThat(admin.get("/users").array()).hasSizeGreaterThan(1);

        assertThat(admin.delete("/tokens/" + id).status()).isEqualTo(204);

        assertThat(admin.delete("/tokens/" + id).status()).isEqualTo(404);
        assertThat(berth.admin().get("/audit?user=" + owner).body()).contains("revoked by administrator admin");
    }

    @Test
    void whatIsNoTokenIsRefusedWithBothWaysToLogIn() throws Exception {
        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(berth.apiBase() + "/units")).header("Authorization", "Bearer not-a-token").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("token is not accepted");
        assertThat(refused.headers().allValues("WWW-Authenticate")).anyMatch(h -> h.startsWith("Basic"))
                .anyMatch(h -> h.startsWith("Bearer"));
        assertThat(berth.withToken("berth_" + "A".repeat(43)).get("/units").status()).isEqualTo(401);
    }

    @Test
    void theApiNeverLogsInFromAConsoleSessionsCookie() throws Exception {
        String user = fixtures.newUser("64m", 512);
        ConsoleClient console = new ConsoleClient(berth.url());
        assertThat(console.logIn(user, Fixtures.PASSWORD).status()).isEqualTo(302);
        assertThat(console.get("/console/units.xhtml").status()).isEqualTo(200);

        HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(berth.apiBase() + "/units"))
                .header("Cookie", "JSESSIONID=" + console.cookie("JSESSIONID").orElseThrow()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(api.statusCode()).isEqualTo(401);
    }

    private List<String> actions(String user) {
        return berth.admin().get("/audit?user=" + user).array().stream().map(JsonValue::asJsonObject)
                .map(r -> r.getString("action")).toList();
    }
}
