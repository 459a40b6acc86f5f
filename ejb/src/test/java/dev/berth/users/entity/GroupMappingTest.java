package dev.berth.users.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupMappingTest {

    private final GroupMapping mapping = GroupMapping.of("berth-admins, Ops", "berth-users,analysts,");

    @Test
    void makesAMemberOfAnAdminGroupAnAdmin() {
        assertThat(mapping.roleOf(List.of("berth-admins"))).contains(Role.ADMIN);
        assertThat(mapping.roleOf(List.of("ops"))).contains(Role.ADMIN);
    }

    @Test
    void makesAMemberOfAUserGroupAUser() {
        assertThat(mapping.roleOf(List.of("analysts", "printers"))).contains(Role.USER);
    }

    @Test
    void letsTheAdminGroupWinOverAUserGroup() {
        assertThat(mapping.roleOf(List.of("berth-users", "Berth-Admins"))).contains(Role.ADMIN);
    }

    @Test
    void comparesGroupNamesWithoutRegardToCase() {
        assertThat(mapping.roleOf(List.of("BERTH-USERS"))).contains(Role.USER);
        assertThat(mapping.roleOf(List.of("OPS"))).contains(Role.ADMIN);
    }

    @Test
    void givesNoRoleToAMemberOfNoMappedGroup() {
        assertThat(mapping.roleOf(List.of("printers", "berth"))).isEmpty();
        assertThat(mapping.roleOf(List.of())).isEmpty();
    }

    @Test
    void ignoresBlankEntriesOfTheLists() {
        assertThat(mapping.userGroups()).containsExactlyInAnyOrder("berth-users", "analysts");
        assertThat(GroupMapping.of(" , ", null).isEmpty()).isTrue();
        assertThat(GroupMapping.of(" , ", null).roleOf(List.of(""))).isEmpty();
    }
}
