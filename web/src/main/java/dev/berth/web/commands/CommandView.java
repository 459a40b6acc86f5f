package dev.berth.web.commands;

import dev.berth.commands.entity.Command;
import java.time.Instant;

/** A command as the API shows it; {@code unit} is null for a command that concerns a host, such as an image load. */
public record CommandView(String id, String type, Long unit, String host, String actor, String state, String result,
                          Instant createdAt, Instant finishedAt) {

    public static CommandView of(Command c) {
        return new CommandView(c.getId(), c.getType().name(), c.getUnitId(), c.getHostName(), c.getActor(),
                c.getState().name(), c.getResult(), c.getCreatedAt(), c.getFinishedAt());
    }
}
