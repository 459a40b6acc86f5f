package dev.berth.protocol;

import java.util.Objects;

/**
 * Stop the unit's container; a unit without one, or stopped already, is stopped.
 *
 * @param commandId see {@link AgentCommand#commandId()}
 * @param unitId    the unit
 * @param user      the unit's owner
 */
public record StopUnit(String commandId, long unitId, String user) implements AgentCommand {

    public StopUnit {
        new Problems("STOP").commandId(commandId).unitId(unitId).user(user).throwIfAny();
    }

    @Override
    public CommandType kind() {
        return CommandType.STOP;
    }

    @Override
    public <R> R handledBy(Handler<R> handler) {
        return Objects.requireNonNull(handler).stop(this);
    }
}
