package dev.berth.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FieldMessagesTest {

    @Test
    void aMessageBelongsToTheFieldItNamesFirst() {
        assertThat(FieldMessages.startsWithName("memory 'lots' is not a size", "memory")).isTrue();
        assertThat(FieldMessages.startsWithName("memory is missing", "memory")).isTrue();
        assertThat(FieldMessages.startsWithName("maxMemory 'x' is not a size", "memory")).isFalse();
        assertThat(FieldMessages.startsWithName("memoryless", "memory")).isFalse();
        assertThat(FieldMessages.startsWithName("host 'h2' exists already", "host '")).isTrue();
    }

    @Test
    void theUsersPageMapsEachFieldOfTheUsersBoundary() {
        assertThat(UsersPage.FIELDS).containsEntry("memory", "userForm:memory")
                .containsEntry("cpuShares", "userForm:cpuShares").containsEntry("user", "userForm:name");
    }

    @Test
    void agesReadAsAPersonWouldSayThem() {
        Instant now = Instant.parse("2026-11-29T10:00:00Z");
        assertThat(InstantConverter.age(null, now)).isEqualTo("never");
        assertThat(InstantConverter.age(now.minusSeconds(4), now)).isEqualTo("4 s");
        assertThat(InstantConverter.age(now.minusSeconds(600), now)).isEqualTo("10 min");
        assertThat(InstantConverter.age(now.minusSeconds(3 * 3600), now)).isEqualTo("3 h");
        assertThat(InstantConverter.age(now.minusSeconds(5 * 86400), now)).isEqualTo("5 d");
    }

    @Test
    void anImportedFileIsReadInTheEncodingItDeclares() {
        byte[] gbk = "<?xml version=\"1.0\" encoding=\"GBK\"?><Users><Alias>张三</Alias></Users>"
                .getBytes(java.nio.charset.Charset.forName("GBK"));
        assertThat(ImportPage.text(gbk)).contains("张三");
        assertThat(ImportPage.text("<Users><Alias>张三</Alias></Users>".getBytes(
                java.nio.charset.StandardCharsets.UTF_8))).contains("张三");
    }
}
