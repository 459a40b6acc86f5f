package dev.berth.batches.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.platform.entity.BerthException;
import org.junit.jupiter.api.Test;

class BatchRequestTest {

    @Test
    void readsBatchAndKeepsPasswordsOutOfTheBody() {
        BatchRequest request = BatchRequest.parse("""
                {"batch":"hr-1","items":[
                 {"key":"u","op":"user.upsert","user":{"name":"aaa","password":"aaa-secret","cpuShares":512}},
                 {"key":"s","op":"unit.start","user":"aaa","host":"h1","port":8281}]}""");

        assertThat(request.batch()).isEqualTo("hr-1");
        ItemPlan user = ItemPlan.of(request.items().get(0));
        assertThat(user.password()).isEqualTo("aaa-secret");
        assertThat(user.body().toString()).doesNotContain("aaa-secret").contains("\"name\":\"aaa\"");
        ItemPlan start = ItemPlan.of(request.items().get(1));
        assertThat(start.unitKey()).isEqualTo("h1:8281");
        assertThat(start.hostName()).isEqualTo("h1");
        assertThat(start.refusal()).isNull();
    }

    @Test
    void takesAGivenHashOfBerthsStrengthAndRefusesAWeakerOne() {
        String strong = "PBKDF2WithHmacSHA256:50000:c2FsdHNhbHRzYWx0:aGFzaGhhc2hoYXNoaGFzaA==";
        ItemPlan given = ItemPlan.of(BatchRequest.parse("""
                {"batch":"b","items":[{"key":"u","op":"user.upsert","user":{"name":"aaa","passwordHash":"%s"}}]}"""
                .formatted(strong)).items().get(0));
        assertThat(given.givenHash()).isEqualTo(strong);
        assertThat(given.password()).isNull();
        assertThat(given.refusal()).isNull();

        assertThat(plan("{\"name\":\"aaa\",\"passwordHash\":\"PBKDF2WithHmacSHA256:1000:c2FsdA==:aGFzaA==\"}")
                .refusal()).contains("1000 iterations, fewer than Berth's 50000");
        assertThat(plan("{\"name\":\"aaa\",\"passwordHash\":\"PBKDF2WithHmacSHA256:5000000:c2FsdA==:aGFzaA==\"}")
                .refusal()).contains("5000000 iterations, more than 1000000");
        assertThat(plan("{\"name\":\"aaa\",\"passwordHash\":\"{SSHA}abc\"}").refusal())
                .contains("not a PBKDF2 hash as Berth stores it");
        assertThat(plan("{\"name\":\"aaa\",\"password\":\"aaa-secret\",\"passwordHash\":\"" + strong + "\"}")
                .refusal()).isEqualTo("send either \"password\" or \"passwordHash\", not both");
    }

    private static ItemPlan plan(String user) {
        return ItemPlan.of(BatchRequest.parse("{\"batch\":\"b\",\"items\":[{\"key\":\"u\",\"op\":\"user.upsert\","
                + "\"user\":" + user + "}]}").items().get(0));
    }

    @Test
    void refusesBrokenFramesWithTheReason() {
        assertThatThrownBy(() -> BatchRequest.parse("[1]")).isInstanceOf(BerthException.class)
                .hasMessageContaining("no JSON object");
        assertThatThrownBy(() -> BatchRequest.parse("{\"items\":[]}")).hasMessageContaining("batch id is missing");
        assertThatThrownBy(() -> BatchRequest.parse("{\"batch\":\"a/b\",\"items\":[]}"))
                .hasMessageContaining("'a/b' is not valid");
        assertThatThrownBy(() -> BatchRequest.parse("{\"batch\":\"b\",\"items\":[]}")).hasMessageContaining("no items");
        assertThatThrownBy(() -> BatchRequest.parse("{\"batch\":\"b\",\"items\":[{\"op\":\"user.delete\"}]}"))
                .hasMessageContaining("has no key");
        assertThatThrownBy(() -> BatchRequest.parse("{\"batch\":\"b\",\"items\":[{\"key\":\"k\"},{\"key\":\"k\"}]}"))
                .hasMessageContaining("appears twice");
        assertThat(BatchRequest.idIn("{\"batch\":\"b\",\"items\":7}")).isEqualTo("b");
        assertThat(BatchRequest.idIn("not json")).isNull();
    }

    @Test
    void failsOnlyTheItemThatNamesTooLittle() {
        BatchRequest request = BatchRequest.parse("""
                {"batch":"b","items":[{"key":"a","op":"unit.stop","host":"h1"},{"key":"b","op":"user.rename"},
                 {"key":"c","op":"user.delete","name":"ccc"}]}""");

        assertThat(ItemPlan.of(request.items().get(0)).refusal()).contains("needs \"user\", \"host\" and \"port\"");
        assertThat(ItemPlan.of(request.items().get(1)).refusal()).contains("'user.rename' is unknown");
        assertThat(ItemPlan.of(request.items().get(2)).refusal()).isNull();
    }
}
