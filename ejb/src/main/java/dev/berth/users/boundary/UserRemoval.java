package dev.berth.users.boundary;

import dev.berth.platform.entity.Actor;

/**
 * Fired (synchronously, inside the deleting transaction) before a user is deleted: an observer that holds something
 * the user still needs refuses by throwing (units: the user still has units), the others remove what is the user's
 * alone (configs: the edited configuration files).
 *
 * @param user  the user's name
 * @param actor the admin
 */
public record UserRemoval(String user, Actor actor) {
}
