package dev.berth.protocol;

import java.util.Objects;

/**
 * "Are you there?": the agent answers at once with a {@link Pong} on the message's reply-to queue, its correlation id
 * the ping's JMS message id, and does nothing else. No command row, no audit record: the manager measures its agents'
 * round trips with it (through the broker, the agent's consumer and back), and the benchmark the control plane.
 * Sent non-persistent with a time to live, so that the pings of an agent that is away do not pile up in its queue.
 *
 * @param commandId see {@link AgentCommand#commandId()}; needs not be unique here, the answer is matched by the
 *                  ping's JMS message id
 */
public record Ping(String commandId) implements AgentCommand {

    public Ping {
        new Problems("PING").commandId(commandId).throwIfAny();
    }

    /** None: a ping concerns the host. */
    @Override
    public long unitId() {
        return 0;
    }

    @Override
    public CommandType kind() {
        return CommandType.PING;
    }

    @Override
    public <R> R handledBy(Handler<R> handler) {
        return Objects.requireNonNull(handler).ping(this);
    }
}
