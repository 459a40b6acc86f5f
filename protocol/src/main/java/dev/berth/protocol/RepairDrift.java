package dev.berth.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Carry out the host-side repairs of drift an admin chose and answer with a {@link DriftRepairs} on the message's
 * reply-to queue. The agent checks each action against the host as it is now: it removes only containers labelled
 * as Berth's and deletes only DNAT rules present as given.
 *
 * @param commandId see {@link AgentCommand#commandId()}
 * @param actions   what to do, each for one finding
 */
public record RepairDrift(String commandId, List<Action> actions) implements AgentCommand {

    public RepairDrift {
        actions = actions == null ? List.of() : List.copyOf(actions);
        Problems problems = new Problems("REPAIR_DRIFT").commandId(commandId);
        for (Action action : actions) {
            problems.check(action != null && action.findingId() != null && action.kind() != null,
                    "every action needs a findingId and a kind");
            if (action != null && action.kind() == ActionKind.REMOVE_CONTAINER) {
                problems.check(action.containerId() != null && !action.containerId().isBlank(),
                        "REMOVE_CONTAINER needs a containerId");
            }
            if (action != null && action.kind() == ActionKind.DELETE_NAT_RULE) {
                problems.check(action.natRule() != null && action.natRule().startsWith("-A ")
                        && action.natRule().contains(" -j DNAT") && action.natRule().lines().count() == 1,
                        "DELETE_NAT_RULE needs a DNAT rule's line as iptables-save writes it");
            }
        }
        problems.throwIfAny();
    }

    /** None: a repair concerns the host. */
    @Override
    public long unitId() {
        return 0;
    }

    @Override
    public CommandType kind() {
        return CommandType.REPAIR_DRIFT;
    }

    @Override
    public <R> R handledBy(Handler<R> handler) {
        return Objects.requireNonNull(handler).repairDrift(this);
    }

    /** What the agent can repair by itself. */
    public enum ActionKind {
        /** Remove a container labelled as Berth's, and the firewall rules of {@link Action#closePort()}. */
        REMOVE_CONTAINER,
        /** Delete one rule of the nat table. */
        DELETE_NAT_RULE
    }

    /**
     * One repair.
     *
     * @param findingId the finding it repairs
     * @param kind      what to do
     * @param containerId the container to remove
     * @param closePort the port whose firewall rules go with the container; null to leave them (a unit holds it)
     * @param natRule   the rule to delete, as {@link SurveyReport.NatRule#rule()}
     */
    public record Action(String findingId, ActionKind kind, String containerId, Integer closePort, String natRule) {
    }
}
