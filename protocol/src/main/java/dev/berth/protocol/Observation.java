package dev.berth.protocol;

import java.time.Instant;
import java.util.List;

/**
 * What an agent saw of its host's containers, agent to manager on queue {@code berth.results} (type
 * {@link MessageType#OBSERVATION}). An inventory ({@code complete}) lists every container labelled as Berth's on the
 * host, so that a unit it leaves out has no container; it comes when the agent starts, when the engine's event
 * stream comes back (an engine restart), and periodically. Otherwise it carries only the containers an engine event
 * concerned (a die, start, destroy or health change).
 *
 * @param version    {@link Messages#VERSION}
 * @param host       the agent's host name
 * @param complete   whether it is a whole inventory
 * @param cause      what made the agent look: {@code inventory}, {@code reconnect}, {@code start}, or the engine's
 *                   event ({@code die}, {@code start}, {@code destroy}, {@code health_status})
 * @param containers the containers seen
 * @param at         when the agent began to look, by its clock: the manager ignores an observation older than what
 *                   it already knows of a unit from the same agent (a result's {@link AgentResult#at()} included)
 */
public record Observation(int version, String host, boolean complete, String cause, List<ContainerReport> containers,
                          Instant at) {

    /** The containers seen; empty when none. */
    public List<ContainerReport> reports() {
        return containers == null ? List.of() : containers;
    }
}
