package dev.berth.protocol;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one command, agent to manager, on queue {@code berth.results}.
 *
 * @param version     {@link Messages#VERSION}
 * @param commandId   the command answered
 * @param unitId      the unit acted on
 * @param host        the agent's host name
 * @param outcome     whether the command was carried out
 * @param state       what the agent observed afterwards; with outcome FAILED, RUNNING means that a START had to make
 *                    the container anew, the new one failed, and the previous one runs again
 * @param containerId the unit's container, null when none is left
 * @param error       why it failed (with the container's last log lines when there are any); null on success
 * @param at          when the agent finished
 * @param images      for LOAD_IMAGE: the image names (or ids, when the tar names none) Docker reports loaded;
 *                    null otherwise
 */
public record AgentResult(int version, String commandId, long unitId, String host, Outcome outcome,
                          ObservedState state, String containerId, String error, Instant at, List<String> images) {

    public static AgentResult succeeded(String commandId, long unitId, String host, ObservedState state,
                                        String containerId) {
        return new AgentResult(Messages.VERSION, commandId, unitId, host, Outcome.SUCCEEDED, state, containerId,
                null, Instant.now(), null);
    }

    public static AgentResult failed(String commandId, long unitId, String host, String containerId, String error) {
        return new AgentResult(Messages.VERSION, commandId, unitId, host, Outcome.FAILED, ObservedState.FAILED,
                containerId, error, Instant.now(), null);
    }

    /**
     * A START whose new container failed (it could not be made, started, or did not become ready) while the previous
     * container, kept until then, runs again: the command failed, the unit runs as it did before.
     */
    public static AgentResult rolledBack(String commandId, long unitId, String host, String containerId,
                                         String error) {
        return new AgentResult(Messages.VERSION, commandId, unitId, host, Outcome.FAILED, ObservedState.RUNNING,
                containerId, error, Instant.now(), null);
    }

    /** A LOAD_IMAGE carried out: {@code images} were loaded into the host's engine. */
    public static AgentResult loaded(String commandId, String host, List<String> images) {
        return new AgentResult(Messages.VERSION, commandId, 0, host, Outcome.SUCCEEDED, null, null, null,
                Instant.now(), List.copyOf(images));
    }
}
