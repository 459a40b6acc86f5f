package dev.berth.sessions.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.platform.entity.BerthException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientSessionTest {

    private static final Instant OPENED = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration EXPIRY = Duration.ofSeconds(300);

    @Test
    void expiresOnlyAfterTheExpiryWithoutKeepalive() {
        ClientSession session = new ClientSession("aaa", "10.1.2.3", OPENED);

        assertThat(session.isExpiredAt(OPENED.plusSeconds(300), EXPIRY)).isFalse();
        assertThat(session.isExpiredAt(OPENED.plusSeconds(301), EXPIRY)).isTrue();
        assertThat(session.expiresAt(EXPIRY)).isEqualTo(OPENED.plusSeconds(300));
    }

    @Test
    void aKeepaliveMovesTheExpiry() {
        ClientSession session = new ClientSession("aaa", "10.1.2.3", OPENED);

        session.keepAlive(OPENED.plusSeconds(200));

        assertThat(session.isExpiredAt(OPENED.plusSeconds(450), EXPIRY)).isFalse();
        assertThat(session.isExpiredAt(OPENED.plusSeconds(501), EXPIRY)).isTrue();
    }

    @Test
    void aShorterExpiryChosenLaterHoldsForSessionsAliveNow() {
        ClientSession session = new ClientSession("aaa", "10.1.2.3", OPENED);

        assertThat(session.isExpiredAt(OPENED.plusSeconds(10), Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void anEndedSessionNeitherExpiresNorIsKeptAliveAndKeepsItsFirstReason() {
        ClientSession session = new ClientSession("aaa", "10.1.2.3", OPENED);
        session.end("logged out", OPENED.plusSeconds(5));
        session.end("expired", OPENED.plusSeconds(9));

        assertThat(session.isLive()).isFalse();
        assertThat(session.getEndReason()).isEqualTo("logged out");
        assertThat(session.isExpiredAt(OPENED.plusSeconds(1000), EXPIRY)).isFalse();
        assertThatThrownBy(() -> session.keepAlive(OPENED.plusSeconds(10)))
                .isInstanceOf(BerthException.class)
                .satisfies(e -> assertThat(((BerthException) e).problem()).isEqualTo(BerthException.Problem.CONFLICT))
                .hasMessageContaining("ended at " + OPENED.plusSeconds(5) + " (logged out); log in again");
    }

    @Test
    void aRefusalSaysSinceWhenAndFromWhereTheOtherSessionIs() {
        ClientSession first = new ClientSession("aaa", "10.1.2.3", OPENED);

        String refusal = first.refusal("10.9.9.9", EXPIRY);

        assertThat(refusal).contains("user aaa is logged in already, since 2026-03-01T10:00:00Z from 10.1.2.3",
                "session " + first.getId(), "DELETE /api/sessions/" + first.getId(), "2026-03-01T10:05:00Z",
                "this login came from 10.9.9.9");
        assertThat(first.refusal("10.1.2.3", EXPIRY)).doesNotContain("this login came from");
    }

    @Test
    void aTakeoverInheritsTheUnitsTheOlderSessionStarted() {
        ClientSession older = new ClientSession("aaa", "10.1.2.3", OPENED);
        older.started(List.of(4L, 7L));
        older.end("taken over from 10.9.9.9", OPENED.plusSeconds(60));
        ClientSession newer = new ClientSession("aaa", "10.9.9.9", OPENED.plusSeconds(60));

        newer.takeOver(older);
        newer.started(List.of(7L, 9L));

        assertThat(newer.getStartedUnits()).containsExactly(4L, 7L, 9L);
    }
}
