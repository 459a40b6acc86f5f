package dev.berth.users.boundary;

import dev.berth.platform.entity.Actor;
import java.util.ArrayList;
import java.util.List;

/**
 * Fired (synchronously, inside the disabling transaction) when an admin disables a user: the components that hold
 * the user's things act on it, e.g. units stop the user's running units and add them to {@link #stoppedUnits}.
 *
 * @param user         the user's name
 * @param actor        the admin
 * @param stoppedUnits the units stopped because of it, filled in by the observers
 */
public record UserDisabled(String user, Actor actor, List<Long> stoppedUnits) {

    public UserDisabled(String user, Actor actor) {
        this(user, actor, new ArrayList<>());
    }
}
