package dev.berth.protocol;

import java.util.Objects;

/**
 * Remove every container of the unit and the agent's files for it; the user's home stays.
 *
 * @param commandId see {@link AgentCommand#commandId()}
 * @param unitId    the unit
 * @param user      the unit's owner
 */
public record DeleteUnit(String commandId, long unitId, String user) implements AgentCommand {

    public DeleteUnit {
        new Problems("DELETE").commandId(commandId).unitId(unitId).user(user).throwIfAny();
    }

    @Override
    public CommandType kind() {
        return CommandType.DELETE;
    }

    @Override
    public <R> R handledBy(Handler<R> handler) {
        return Objects.requireNonNull(handler).delete(this);
    }
}
