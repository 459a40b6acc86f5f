package dev.berth.hosts.boundary;

import dev.berth.platform.entity.Actor;

/**
 * Fired (synchronously, inside the removing transaction) before a host is removed: an observer that holds something
 * on the host refuses by throwing (units: the host still has units). So the hosts component need not know units,
 * which stand above it.
 *
 * @param host  the host's name
 * @param actor the admin
 */
public record HostRemoval(String host, Actor actor) {
}
