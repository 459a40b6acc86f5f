package dev.berth.commands.entity;

import dev.berth.protocol.CommandType;
import java.time.Duration;
import java.time.Instant;

/**
 * A command got its outcome (an agent's answer, or none in time): fired as a CDI event by {@link CommandEvents}
 * whenever a finished command is written, whichever component finished it. Observers that care about committed
 * facts only observe it {@code during = AFTER_SUCCESS}.
 *
 * @param type       what the command asked
 * @param outcome    SUCCEEDED, FAILED or EXPIRED
 * @param createdAt  when it was requested
 * @param finishedAt when its outcome was written
 */
public record CommandFinished(CommandType type, CommandState outcome, Instant createdAt, Instant finishedAt) {

    /** From the request to the outcome. */
    public Duration took() {
        return Duration.between(createdAt, finishedAt);
    }
}
