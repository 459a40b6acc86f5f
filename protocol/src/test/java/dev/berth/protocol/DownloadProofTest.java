package dev.berth.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DownloadProofTest {

    @Test
    void holdsOnlyForTheSameSecretUploadAndHost() {
        String proof = DownloadProof.of("agent-secret", "u1", "h1");

        assertThat(proof).matches("[0-9a-f]{64}");
        assertThat(DownloadProof.holds(proof, "agent-secret", "u1", "h1")).isTrue();
        assertThat(DownloadProof.holds(proof, "other-secret", "u1", "h1")).isFalse();
        assertThat(DownloadProof.holds(proof, "agent-secret", "u2", "h1")).isFalse();
        assertThat(DownloadProof.holds(proof, "agent-secret", "u1", "h2")).isFalse();
        assertThat(DownloadProof.holds(null, "agent-secret", "u1", "h1")).isFalse();
        assertThat(DownloadProof.holds("guess", "agent-secret", "u1", "h1")).isFalse();
    }
}
