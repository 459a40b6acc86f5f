package dev.berth.agents.boundary;

import dev.berth.commands.entity.Command;
import dev.berth.platform.entity.Actor;
import dev.berth.protocol.AgentResult;

/**
 * An agent answered a command, and the answer came from the agent of the command's host. Fired inside the result's
 * transaction, qualified by the command's {@link CommandKind}: the observer finishes the command, changes its own
 * state and audits, and all of it commits with the consumption of the message, or nothing does.
 *
 * @param command the command answered, still as it was (PENDING, EXPIRED, or already answered once)
 * @param result  what the agent said
 * @param agent   the agent, by its broker account
 */
public record CommandAnswered(Command command, AgentResult result, Actor agent) {
}
