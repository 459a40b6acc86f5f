package dev.berth.protocol;

import java.util.Objects;

/**
 * Stops the follower of a {@link ReadLogs}; unknown or ended ones: no effect.
 *
 * @param commandId the followed {@link ReadLogs}'s id
 * @param unitId    its unit
 */
public record StopFollowing(String commandId, long unitId) implements AgentCommand {

    public StopFollowing {
        new Problems("LOGS_STOP").commandId(commandId).unitId(unitId).throwIfAny();
    }

    @Override
    public CommandType kind() {
        return CommandType.LOGS_STOP;
    }

    @Override
    public <R> R handledBy(Handler<R> handler) {
        return Objects.requireNonNull(handler).stopFollowing(this);
    }
}
