package dev.berth.users.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.platform.entity.BerthException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppUserOriginTest {

    private final Profile profile = new Profile("p", new Profile.Limits(MemorySize.parse("256m"), 256, Quota.NONE,
            null, List.of()));

    @Test
    void refusesAPasswordToAUserOfTheDirectory() {
        AppUser user = AppUser.fromDirectory("ddd", null, Role.USER, profile, "/homes/ddd");

        assertThatThrownBy(() -> user.changePassword("h")).isInstanceOf(BerthException.class)
                .hasMessageContaining("through the directory");
        assertThat(user.getPasswordHash()).isNull();
        assertThat(user.getAlias()).isEqualTo("ddd");
    }

    @Test
    void takesTheRoleTheDirectoryGroupsGiveAtEachLogin() {
        AppUser user = AppUser.fromDirectory("ddd", null, Role.USER, profile, "/homes/ddd");
        Instant now = Instant.now();

        assertThat(user.admittedByDirectory(Role.USER, now)).isEmpty();
        assertThat(user.admittedByDirectory(Role.ADMIN, now)).contains(Role.USER);
        assertThat(user.isAdmin()).isTrue();
        assertThat(user.getDirectoryLoginAt()).isEqualTo(now);

        user.refusedByDirectory();
        assertThat(user.getDirectoryLoginAt()).isNull();
    }

    @Test
    void keepsALocalUserOutOfTheDirectorysRules() {
        AppUser local = new AppUser("lll", null, "h", Role.USER, MemorySize.parse("64m"), 512, "/homes/lll",
                Quota.NONE);

        assertThat(local.isFromDirectory()).isFalse();
        assertThatThrownBy(() -> local.admittedByDirectory(Role.ADMIN, Instant.now()))
                .isInstanceOf(IllegalStateException.class);
    }
}
