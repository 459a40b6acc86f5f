package dev.berth.protocol;

import java.util.Objects;

/**
 * Read the unit's container logs and answer with {@link UnitLogs} on the message's reply-to queue; changes nothing.
 *
 * @param commandId see {@link AgentCommand#commandId()}; a followed stream is known by it
 * @param unitId    the unit
 * @param user      the unit's owner
 * @param logs      which lines, and whether to follow
 */
public record ReadLogs(String commandId, long unitId, String user, LogRequest logs) implements AgentCommand {

    public ReadLogs {
        new Problems("LOGS").commandId(commandId).unitId(unitId).user(user)
                .check(logs != null, "logs is missing").throwIfAny();
    }

    @Override
    public CommandType kind() {
        return CommandType.LOGS;
    }

    @Override
    public <R> R handledBy(Handler<R> handler) {
        return Objects.requireNonNull(handler).logs(this);
    }
}
