package dev.berth.users.entity;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.platform.entity.BerthException;
import org.junit.jupiter.api.Test;

class QuotaTest {

    private static AppUser user(Quota quota) {
        return new AppUser("aaa", null, "hash", Role.USER, MemorySize.parse("500m"), 512, "/h/aaa", quota);
    }

    @Test
    void refusesAUnitBeyondMaxUnits() {
        AppUser limited = user(Quota.of(2, null));

        assertThatCode(() -> limited.checkRoomForUnit(1)).doesNotThrowAnyException();
        assertThatThrownBy(() -> limited.checkRoomForUnit(2))
                .isInstanceOf(BerthException.class)
                .hasMessage("user aaa has 2 of at most 2 units; delete one or raise the user's maxUnits");
    }

    @Test
    void refusesToRunBeyondMaxMemory() {
        AppUser limited = user(Quota.of(null, "1g"));

        assertThatCode(() -> limited.checkRoomToRun(1)).doesNotThrowAnyException();
        assertThatThrownBy(() -> limited.checkRoomToRun(2))
                .hasMessageContaining("would use 3 x 500m of memory, more than the user's maxMemory of 1g");
    }

    @Test
    void limitsNothingWithoutAQuota() {
        assertThatCode(() -> user(Quota.NONE).checkRoomForUnit(10_000)).doesNotThrowAnyException();
        assertThatCode(() -> user(Quota.NONE).checkRoomToRun(10_000)).doesNotThrowAnyException();
    }

    @Test
    void refusesANegativeOrUnreadableQuota() {
        assertThatThrownBy(() -> Quota.of(-1, null)).hasMessageContaining("maxUnits must be 0 or more");
        assertThatThrownBy(() -> Quota.of(null, "plenty")).hasMessageContaining("maxMemory 'plenty' is not a size");
    }
}
