package dev.berth.agents.boundary;

import dev.berth.platform.entity.Actor;
import dev.berth.protocol.UnitStats;
import java.util.List;

/**
 * The agent of {@code host} sent a round of its running units' samples (with a heartbeat that came from that host's
 * own broker account). Fired inside the heartbeat's transaction; the observer keeps the samples of units on that
 * host.
 *
 * @param agent the agent, by its broker account
 */
public record UnitsSampled(String host, List<UnitStats> samples, Actor agent) {
}
