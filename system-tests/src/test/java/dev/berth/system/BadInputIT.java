package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testsupport.Api;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad request answers 4xx with a JSON error that says what was wrong, and changes nothing. */
@ExtendWith(RunningBerth.class)
class BadInputIT {

    private final RunningBerth berth;
    private final Fixtures fixtures;

    BadInputIT(RunningBerth berth) {
        this.berth = berth;
        this.fixtures = new Fixtures(berth);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            memory below Docker's minimum | "memory":"5m","cpuShares":512      | below Docker's minimum of 6m
            memory that is no size        | "memory":"lots","cpuShares":512    | is not a size
            memory missing                | "cpuShares":512                    | memory is missing
            cpu shares below range        | "memory":"64m","cpuShares":1       | outside what Docker accepts
            cpu shares above range        | "memory":"64m","cpuShares":262145  | outside what Docker accepts
            cpu shares not a number       | "memory":"64m","cpuShares":"many"  | not valid JSON for this call
            """)
    void refusesAUserWithBadLimits(String why, String limits, String message) {
        String name = "bad" + UUID.randomUUID().toString().substring(0, 6);
        Api.Reply refused = berth.admin().post("/users",
                "{\"name\":\"" + name + "\",\"password\":\"" + Fixtures.PASSWORD + "\"," + limits + "}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.error()).contains(message);
        assertThat(berth.admin().get("/users/" + name).status()).isEqualTo(404);
    }

    @Test
    void refusesMalformedJson() {
        Api.Reply refused = berth.admin().post("/users", "{\"name\": ");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).contains("not valid JSON");
    }

    @Test
    void refusesADuplicateUserName() {
        String name = fixtures.newUser("64m", 512);

        Api.Reply refused = berth.admin().post("/users", """
                {"name":"%s","password":"%s","memory":"64m","cpuShares":512}""".formatted(name, Fixtures.PASSWORD));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error()).contains("user '" + name + "' already exists");
    }

    @Test
    void refusesAnInvalidLoginNameAndAShortPassword() {
        assertThat(berth.admin().post("/users", """
                {"name":"../etc","password":"%s","memory":"64m","cpuShares":512}""".formatted(Fixtures.PASSWORD))
                .error()).contains("not a valid login name");
        assertThat(berth.admin().post("/users", """
                {"name":"shorty","password":"short","memory":"64m","cpuShares":512}""").error())
                .contains("at least 8 characters");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown user     | nobody-here | HOST | 30001 | 400 | no user named 'nobody-here'
            unknown host     | USER        | nowhere | 30002 | 400 | no host named 'nowhere'
            port too low     | USER        | HOST | 80    | 400 | port 80 is outside 1024..65535
            port too high    | USER        | HOST | 70000 | 400 | port 70000 is outside 1024..65535
            """)
    void refusesABadUnit(String why, String user, String host, int port, int status, String message) {
        String owner = user.equals("USER") ? fixtures.newUser("64m", 512) : user;
        String onHost = host.equals("HOST") ? RunningBerth.HOST : host;

        Api.Reply refused = berth.admin().post("/units",
                "{\"user\":\"%s\",\"host\":\"%s\",\"port\":%d}".formatted(owner, onHost, port));

        assertThat(refused.status()).as(refused.body()).isEqualTo(status);
        assertThat(refused.error()).contains(message);
    }

    @Test
    void refusesAPortAnotherUnitHasOnTheSameHost() {
        String first = fixtures.newUser("64m", 512);
        int port = RunningBerth.freePort();
        long taken = fixtures.newUnit(first, RunningBerth.HOST, port);

        Api.Reply refused = berth.admin().post("/units", "{\"user\":\"%s\",\"host\":\"%s\",\"port\":%d}"
                .formatted(fixtures.newUser("64m", 512), RunningBerth.HOST, port));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error()).isEqualTo("port " + port + " on host " + RunningBerth.HOST + " is in use by unit "
                + taken + " of user " + first + "; choose another port");
    }

    @Test
    void answersUnknownThingsWithNotFound() {
        assertThat(berth.admin().get("/units/999999").error()).isEqualTo("no unit with id 999999");
        assertThat(berth.admin().post("/units/999999/start", "").status()).isEqualTo(404);
        assertThat(berth.admin().get("/commands/nope").status()).isEqualTo(404);
        assertThat(berth.admin().get("/hosts/nope").status()).isEqualTo(404);
        assertThat(berth.admin().get("/users/nope").status()).isEqualTo(404);
        assertThat(berth.admin().get("/audit?limit=0").status()).isEqualTo(400);
    }

    @Test
    void refusesCallersWhoDoNotLogIn() {
        Api.Reply anonymous = berth.as(null, null).get("/units");
        Api.Reply wrongPassword = berth.as("admin", "wrong-password").get("/units");

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.error()).contains("log in first");
        assertThat(wrongPassword.status()).isEqualTo(401);
    }
}
