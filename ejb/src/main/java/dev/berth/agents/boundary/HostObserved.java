package dev.berth.agents.boundary;

import dev.berth.platform.entity.Actor;
import dev.berth.protocol.Observation;

/**
 * The agent of {@code host} reported what it saw of its containers (an engine event, or a whole inventory), from
 * that host's own broker account. Fired inside the message's transaction; the units component records each unit's
 * observed state from it.
 *
 * @param agent the agent, by its broker account
 */
public record HostObserved(String host, Observation observation, Actor agent) {
}
