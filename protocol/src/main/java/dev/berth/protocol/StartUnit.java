package dev.berth.protocol;

import java.util.Objects;

/**
 * Start the unit's container, making it first when there is none or when it was made from other settings, and answer
 * once the unit's process answers on its port.
 *
 * @param commandId        see {@link AgentCommand#commandId()}
 * @param unitId           the unit
 * @param user             the unit's owner (container label, network)
 * @param container        everything the container is made from
 * @param readinessSeconds how long the agent waits for the unit's process to answer
 */
public record StartUnit(String commandId, long unitId, String user, ContainerSpec container, int readinessSeconds)
        implements AgentCommand {

    public StartUnit {
        Problems problems = new Problems("START").commandId(commandId).unitId(unitId).user(user)
                .check(readinessSeconds > 0, "readinessSeconds must be positive");
        if (container == null) {
            problems.add("container is missing");
        } else {
            problems.addAll(container.problems());
        }
        problems.throwIfAny();
    }

    @Override
    public CommandType kind() {
        return CommandType.START;
    }

    @Override
    public <R> R handledBy(Handler<R> handler) {
        return Objects.requireNonNull(handler).start(this);
    }
}
