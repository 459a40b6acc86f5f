package dev.berth.protocol;

import java.util.Objects;

/**
 * "Still reading": keeps the follower of a {@link ReadLogs} with {@link LogRequest#follow()} alive. The manager sends
 * one every few seconds; an agent stops a follower that has heard none for a while (the reader went away without
 * saying so).
 *
 * @param commandId the followed {@link ReadLogs}'s id
 * @param unitId    its unit
 */
public record KeepFollowing(String commandId, long unitId) implements AgentCommand {

    public KeepFollowing {
        new Problems("LOGS_FOLLOWING").commandId(commandId).unitId(unitId).throwIfAny();
    }

    @Override
    public CommandType kind() {
        return CommandType.LOGS_FOLLOWING;
    }

    @Override
    public <R> R handledBy(Handler<R> handler) {
        return Objects.requireNonNull(handler).keepFollowing(this);
    }
}
