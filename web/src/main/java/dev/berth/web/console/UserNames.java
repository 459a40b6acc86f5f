package dev.berth.web.console;

import dev.berth.users.boundary.UserQuery;
import dev.berth.users.boundary.Users;
import dev.berth.users.entity.AppUser;
import java.util.List;

/** The user fields of the units and config files pages: an admin types, the page offers matching names. */
final class UserNames {

    /** How many names a field offers at a time: a page of the users, never all of them. */
    static final int OFFERED = 20;

    private UserNames() {
    }

    /** The first names (by name) whose name or alias holds {@code text}; none for a caller who is no admin. */
    static List<String> matching(Users users, String text, ConsoleSession session) {
        if (!session.isAdmin()) {
            return List.of();
        }
        return users.search(new UserQuery(text, null, null, "name", false), 0, OFFERED, session.actor()).stream()
                .map(AppUser::getName).toList();
    }
}
