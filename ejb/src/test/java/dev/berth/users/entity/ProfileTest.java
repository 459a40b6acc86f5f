package dev.berth.users.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProfileTest {

    private static Profile profile(String name, String... groups) {
        return new Profile(name, new Profile.Limits(MemorySize.parse("512m"), 512, Quota.NONE, null,
                List.of(groups)));
    }

    private final Profile analysts = profile("analysts", "Analysts", "finance");
    private final Profile big = profile("big", "hpc");
    private final Profile alsoFinance = profile("zz-finance", "finance");
    private final List<Profile> profiles = List.of(alsoFinance, big, analysts);

    @Test
    void choosesTheProfileThatNamesOneOfTheUsersGroups() {
        assertThat(Profile.firstFor(profiles, Set.of("printers", "hpc"))).contains(big);
    }

    @Test
    void comparesGroupNamesWithoutRegardToCase() {
        assertThat(Profile.firstFor(profiles, Set.of("ANALYSTS"))).contains(analysts);
    }

    @Test
    void choosesTheFirstByNameWhenSeveralNameTheUsersGroups() {
        assertThat(Profile.firstFor(profiles, Set.of("finance", "hpc"))).contains(analysts);
    }

    @Test
    void leavesAUserOfNoProfilesGroupToTheDefault() {
        assertThat(Profile.firstFor(profiles, Set.of("printers"))).isEmpty();
        assertThat(Profile.firstFor(profiles, Set.of())).isEmpty();
    }

    @Test
    void keepsItsLimitsAndGroups() {
        Profile profile = new Profile("p", new Profile.Limits(MemorySize.parse("1g"), 2048,
                Quota.of(3, "2g"), List.of("10.1.0.0/16"), List.of("a", "b")));

        assertThat(profile.getMemory().bytes()).isEqualTo(1L << 30);
        assertThat(profile.getQuota()).isEqualTo(new Quota(3, MemorySize.parse("2g")));
        assertThat(profile.getAllowedClients()).contains(List.of("10.1.0.0/16"));
        assertThat(profile.getGroups()).containsExactly("a", "b");
        assertThat(profile.isDefault()).isFalse();
    }

    @Test
    void providesItsLimitsToAUserOfTheDirectory() {
        Profile profile = new Profile("p", new Profile.Limits(MemorySize.parse("1g"), 2048,
                Quota.of(3, "2g"), List.of("10.1.0.0/16"), List.of("a")));

        AppUser user = AppUser.fromDirectory("ddd", "D D", Role.USER, profile, "/homes/ddd");

        assertThat(user.getMemory()).isEqualTo("1g");
        assertThat(user.getCpuShares()).isEqualTo(2048);
        assertThat(user.getMaxUnits()).isEqualTo(3);
        assertThat(user.getMaxMemory()).isEqualTo("2g");
        assertThat(user.getAllowedClients()).contains(List.of("10.1.0.0/16"));
        assertThat(user.getPasswordHash()).isNull();
        assertThat(user.getOrigin()).isEqualTo(Origin.DIRECTORY);
        assertThat(user.getProfile()).contains(profile);
    }
}
