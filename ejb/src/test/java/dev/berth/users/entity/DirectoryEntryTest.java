package dev.berth.users.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DirectoryEntryTest {

    @Test
    void readsAnEntryLockedByNsAccountLock() {
        assertThat(DirectoryEntry.lockOf(Map.of("nsaccountlock", List.of("TRUE")))).contains("nsAccountLock=true");
    }

    @Test
    void readsAnEntryUnlockedByNsAccountLockFalse() {
        assertThat(DirectoryEntry.lockOf(Map.of("nsAccountLock", List.of("false"), "cn", List.of("x")))).isEmpty();
    }

    @Test
    void readsAnEntryLockedByThePasswordPolicy() {
        assertThat(DirectoryEntry.lockOf(Map.of("pwdAccountLockedTime", List.of("000001010000Z"))))
                .contains("pwdAccountLockedTime=000001010000Z");
    }

    @Test
    void readsAnEntryWithoutEitherAsUnlocked() {
        assertThat(DirectoryEntry.lockOf(Map.of("uid", List.of("ddd")))).isEmpty();
    }
}
