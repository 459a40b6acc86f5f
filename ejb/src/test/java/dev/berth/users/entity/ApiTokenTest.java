package dev.berth.users.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiTokenTest {

    @Test
    void aSecretIsThePrefixAnd256RandomBits() {
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String secret = ApiToken.newSecret();
            assertThat(secret).startsWith("berth_").hasSize(6 + 43);
            assertThat(ApiToken.looksLikeSecret(secret)).isTrue();
            secrets.add(secret);
        }
        assertThat(secrets).hasSize(100);
    }

    @Test
    void onlyTheSecretsHashIsKeptAndItIsSha256() {
        // echo -n abc | sha256sum
        assertThat(ApiToken.hash("abc")).isEqualTo(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        String secret = ApiToken.newSecret();
        assertThat(ApiToken.hash(secret)).hasSize(64).doesNotContain(secret.substring(6));
    }

    @Test
    void whatIsNoSecretIsRefusedBeforeAnyLookUp() {
        assertThat(ApiToken.looksLikeSecret(null)).isFalse();
        assertThat(ApiToken.looksLikeSecret("")).isFalse();
        assertThat(ApiToken.looksLikeSecret("berth_short")).isFalse();
        assertThat(ApiToken.looksLikeSecret("other_" + ApiToken.newSecret().substring(6))).isFalse();
        assertThat(ApiToken.looksLikeSecret(ApiToken.newSecret() + "x")).isFalse();
        assertThat(ApiToken.looksLikeSecret(ApiToken.newSecret().substring(0, 48) + "+")).isFalse();
    }
}
