package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testsupport.Api;
import dev.berth.testsupport.Poll;
import jakarta.json.JsonObject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Batches through REST: submitted, followed, listed; the same id twice applies nothing twice. */
@ExtendWith(RunningBerth.class)
class BatchesIT {

    private final RunningBerth berth;
    private final Api admin;

    BatchesIT(RunningBerth berth) {
        this.berth = berth;
        this.admin = berth.admin();
    }

    private JsonObject done(String batch) {
        JsonObject[] view = new JsonObject[1];
        Poll.until(Duration.ofSeconds(60), "batch " + batch + " to be DONE", () -> {
            view[0] = admin.get("/batches/" + batch).expect(200, "the batch").json();
            return "DONE".equals(view[0].getString("state"));
        });
        return view[0];
    }

    @Test
    void appliesBatchOnceAndShowsEachItem() {
        String user = "bt" + UUID.randomUUID().toString().substring(0, 8);
        String batch = "rest-" + UUID.randomUUID();
        int port = RunningBerth.freePort();
        String body = """
                {"batch":"%s","items":[
                 {"key":"u","op":"user.upsert","user":{"name":"%s","password":"%s","memory":"256m","cpuShares":512}},
                 {"key":"n","op":"unit.ensure","unit":{"user":"%s","host":"%s","port":%d,"image":"berth/probe:1"}},
                 {"key":"again","op":"user.upsert","user":{"name":"%s","password":"%s","memory":"256m","cpuShares":512}},
                 {"key":"d","op":"user.delete","name":"nobody-%s"}
                ]}""".formatted(batch, user, Fixtures.PASSWORD, user, RunningBerth.HOST, port, user,
                Fixtures.PASSWORD, user);
        Api.Reply accepted = admin.post("/batches", body);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().getInt("total")).isEqualTo(4);

        JsonObject view = done(batch);
        assertThat(view.getInt("applied")).isEqualTo(2);
        assertThat(view.getInt("unchanged")).isEqualTo(2);
        assertThat(view.getInt("pending")).isZero();
        assertThat(view.getJsonArray("items").getValuesAs(JsonObject.class))
                .extracting(i -> i.getString("key") + " " + i.getString("outcome"))
                .containsExactly("u APPLIED", "n APPLIED", "again UNCHANGED", "d UNCHANGED");
        assertThat(admin.get("/users/" + user).status()).isEqualTo(200);

        Api.Reply twice = admin.post("/batches", body);
        assertThat(twice.status()).as(twice.body()).isEqualTo(200);
        assertThat(twice.json().getString("state")).isEqualTo("DONE");
        assertThat(admin.get("/audit?user=" + user + "&limit=1000").array().getValuesAs(JsonObject.class))
                .filteredOn(r -> "user.create".equals(r.getString("action"))).hasSize(1);
        assertThat(admin.get("/batches?limit=500").array().getValuesAs(JsonObject.class))
                .anyMatch(b -> b.getString("batch").equals(batch) && !b.containsKey("items"));
    }

    @Test
    void startsAUnitAndMovesOnAsItsCommandEndsWithNothingFailingInTheLog() {
        String user = "bs" + UUID.randomUUID().toString().substring(0, 8);
        String batch = "rest-" + UUID.randomUUID();
        int port = RunningBerth.freePort();
        int logged = berth.log().length();
        String body = """
                {"batch":"%1$s","items":[
                 {"key":"u","op":"user.upsert","user":{"name":"%2$s","password":"%3$s","memory":"64m","cpuShares":512}},
                 {"key":"n","op":"unit.ensure","unit":{"user":"%2$s","host":"%4$s","port":%5$d,"image":"berth/probe:1"}},
                 {"key":"s","op":"unit.start","user":"%2$s","host":"%4$s","port":%5$d},
                 {"key":"x","op":"unit.delete","user":"%2$s","host":"%4$s","port":%5$d}
                ]}""".formatted(batch, user, Fixtures.PASSWORD, RunningBerth.HOST, port);
        assertThat(admin.post("/batches", body).status()).isEqualTo(202);

        JsonObject view = done(batch);

        assertThat(view.getJsonArray("items").getValuesAs(JsonObject.class))
                .extracting(i -> i.getString("key") + " " + i.getString("outcome"))
                .containsExactly("u APPLIED", "n APPLIED", "s APPLIED", "x APPLIED");
        // the runner hears of each command's end (the delete waits for the start's) as the command's transaction
        // completes: that must not fail, as it once did for every command
        String meanwhile = berth.log().substring(logged);
        assertThat(meanwhile).doesNotContain("WELD-000401").doesNotContain("Invalid transaction passed to resume");
    }

    @Test
    void takesAPasswordHashInsteadOfAPasswordButNoWeakerOne() throws Exception {
        String user = "bh" + UUID.randomUUID().toString().substring(0, 8);
        String weak = "bw" + UUID.randomUUID().toString().substring(0, 8);
        String batch = "hashes-" + UUID.randomUUID();
        Api.Reply accepted = admin.post("/batches", """
                {"batch":"%s","items":[
                 {"key":"u","op":"user.upsert","user":{"name":"%s","passwordHash":"%s","memory":"64m","cpuShares":2}},
                 {"key":"w","op":"user.upsert","user":{"name":"%s","passwordHash":"%s","memory":"64m","cpuShares":2}}
                ]}""".formatted(batch, user, pbkdf2(Fixtures.PASSWORD, 50000), weak, pbkdf2(Fixtures.PASSWORD, 1000)));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);

        assertThat(done(batch).getJsonArray("items").getValuesAs(JsonObject.class))
                .extracting(i -> i.getString("key") + " " + i.getString("outcome") + " " + i.getString("detail", ""))
                .containsExactly("u APPLIED user " + user + " created",
                        "w FAILED passwordHash has 1000 iterations, fewer than Berth's 50000: send the password, or a"
                                + " hash of at least 50000 iterations");
        assertThat(berth.as(user, Fixtures.PASSWORD).get("/units").status()).as("a login with the hashed password")
                .isEqualTo(200);
        assertThat(admin.get("/users/" + weak).status()).isEqualTo(404);
    }

    /** A hash as an identity system would hand it over: Berth's stored form, made here with the JDK. */
    private static String pbkdf2(String password, int iterations) throws Exception {
        byte[] salt = new byte[32];
        new SecureRandom().nextBytes(salt);
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        return "PBKDF2WithHmacSHA256:" + iterations + ":" + Base64.getEncoder().encodeToString(salt) + ":"
                + Base64.getEncoder().encodeToString(hash);
    }

    @Test
    void refusesMalformedBatchesWithTheReason() {
        assertThat(admin.post("/batches", "not json").error()).contains("no JSON object");
        assertThat(admin.post("/batches", "{\"items\":[]}").status()).isEqualTo(400);
        Api.Reply badId = admin.post("/batches", "{\"batch\":\"a b\",\"items\":[{\"key\":\"k\",\"op\":\"x\"}]}");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.error()).contains("'a b' is not valid");
        Api.Reply twiceKey = admin.post("/batches", "{\"batch\":\"k-" + UUID.randomUUID() + "\",\"items\":["
                + "{\"key\":\"k\",\"op\":\"user.delete\",\"name\":\"x\"},{\"key\":\"k\",\"op\":\"user.delete\"}]}");
        assertThat(twiceKey.status()).isEqualTo(400);
        assertThat(twiceKey.error()).contains("appears twice");
        assertThat(admin.post("/batches", "application/xml", "<Users/>").error()).contains("batch id is missing");
        assertThat(admin.get("/batches?limit=0").status()).isEqualTo(400);
        assertThat(admin.get("/batches/no-such-batch").status()).isEqualTo(404);
    }
}
