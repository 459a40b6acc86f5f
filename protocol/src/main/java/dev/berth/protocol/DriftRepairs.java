package dev.berth.protocol;

import java.util.List;

/**
 * An agent's answer to a {@link RepairDrift}, on the command's reply-to queue: one outcome per action, in order.
 *
 * @param host     the agent's host
 * @param outcomes what became of each action
 */
public record DriftRepairs(String host, List<Outcome> outcomes) {

    public DriftRepairs {
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }

    /**
     * @param findingId the finding the action was for
     * @param done      whether the action was carried out (or found done already)
     * @param detail    what was done, or why not
     */
    public record Outcome(String findingId, boolean done, String detail) {
    }
}
