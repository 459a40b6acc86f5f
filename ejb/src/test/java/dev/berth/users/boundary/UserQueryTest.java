package dev.berth.users.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.users.entity.Role;
import org.junit.jupiter.api.Test;

class UserQueryTest {

    @Test
    void anEmptyQueryFindsEveryUserByName() {
        assertThat(UserQuery.ALL.where()).isEqualTo(" where 1 = 1");
        assertThat(UserQuery.ALL.orderBy()).isEqualTo(" order by u.name asc, u.id asc");
    }

    @Test
    void filtersByTextRoleAndState() {
        UserQuery query = new UserQuery("Ab", Role.USER, true, "memory", true);

        assertThat(query.where()).contains("lower(u.name) like :text", "lower(u.alias) like :text",
                "u.role = :role", "u.disabled = :disabled");
        assertThat(query.orderBy()).isEqualTo(" order by u.memoryBytes desc, u.id desc");
        assertThat(query.pattern()).isEqualTo("%ab%");
    }

    @Test
    void theTextMatchesItsWildcardsLiterally() {
        assertThat(new UserQuery("a_b%", null, null, null, false).pattern()).isEqualTo("%a\\_b\\%%");
    }

    @Test
    void anUnknownSortFallsBackToTheName() {
        assertThat(new UserQuery(null, null, null, "password_hash; drop", false).orderBy())
                .startsWith(" order by u.name asc");
    }
}
