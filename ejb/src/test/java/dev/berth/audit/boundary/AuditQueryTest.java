package dev.berth.audit.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.audit.entity.AuditRecord.Outcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditQueryTest {

    @Test
    void onlyTheGivenFiltersBecomeConditions() {
        assertThat(AuditQuery.ALL.where()).isEqualTo(" where 1 = 1");
        assertThat(new AuditQuery(" aaa ", 3L, "unit.", Outcome.FAILED, Instant.EPOCH, Instant.now()).where())
                .contains("a.userName = :user", "a.unitId = :unit", "a.action like :action", "a.outcome = :outcome",
                        "a.at >= :from", "a.at < :to");
        assertThat(new AuditQuery(" ", null, "", null, null, null).where()).isEqualTo(" where 1 = 1");
    }

    @Test
    void aUserQueryReadsOnlyThatUser() {
        assertThat(AuditQuery.ALL.about("bbb").user()).isEqualTo("bbb");
    }

    @Test
    void refusesARangeThatEndsBeforeItStarts() {
        Instant now = Instant.now();
        assertThatThrownBy(() -> new AuditQuery(null, null, null, null, now, now.minusSeconds(1)))
                .hasMessageStartingWith("the time range ends");
    }
}
