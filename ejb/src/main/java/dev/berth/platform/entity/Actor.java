package dev.berth.platform.entity;

import dev.berth.protocol.Messages;
import java.util.Objects;

/**
 * Who acts: a logged-in person (an admin or a user), or the system itself (an agent's result, a timer).
 *
 * @param name  the login name, or {@code system} / {@code agent:<host>}
 * @param admin whether the actor may act on everything
 */
public record Actor(String name, boolean admin) {

    public static final Actor SYSTEM = new Actor("system", true);
    /** The reconciler: what it does to close the gap between desired and observed state. */
    public static final Actor RECONCILER = new Actor("reconciler", true);

    public Actor {
        Objects.requireNonNull(name, "name");
    }

    public static Actor agent(String host) {
        return new Actor("agent:" + host, true);
    }

    /** A provisioning producer, by its broker account: acts as an admin on what its batches name. */
    public static Actor provisioner(String brokerUser) {
        return new Actor("provisioner:" + brokerUser, true);
    }

    /**
     * Who sent a message, by the broker account the broker stamped on it: a host's agent ({@code agent:<host>}),
     * else the account itself ({@code broker:<user>}, no admin), or {@code broker:unknown}.
     */
    public static Actor sender(String brokerUser) {
        return Messages.hostOfAgent(brokerUser).map(Actor::agent)
                .orElseGet(() -> new Actor("broker:" + (brokerUser == null ? "unknown" : brokerUser), false));
    }

    /** Whether this actor may act on something owned by {@code owner}. */
    public boolean mayActFor(String owner) {
        return admin || name.equals(owner);
    }
}
