package dev.berth.agents.boundary;

import dev.berth.commands.entity.Command;

/**
 * No agent answered a command within the command timeout. Fired inside the housekeeping's transaction, qualified by
 * the command's {@link CommandKind}: the observer expires the command with {@code reason} and audits.
 */
public record CommandUnanswered(Command command, String reason) {
}
