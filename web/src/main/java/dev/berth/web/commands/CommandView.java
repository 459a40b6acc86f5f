package dev.berth.web.commands;

import dev.berth.commands.entity.Command;
import java.time.Instant;

/** A command as the API shows it. */
public record CommandView(String id, String type, long unit, String host, String actor, String state, String result,
                          Instant createdAt, Instant finishedAt) {

    public static CommandView of(Command c) {
        return new CommandView(c.getId(), c.getType().name(), c.getUnitId(), c.getHostName(), c.getActor(),
                c.getState().name(), c.getResult(), c.getCreatedAt(), c.getFinishedAt());
    }
}
