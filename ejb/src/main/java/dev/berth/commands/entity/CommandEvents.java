package dev.berth.commands.entity;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.persistence.PostUpdate;

/**
 * Tells the rest of the manager when a command is finished, by the one fact every path shares: the command row is
 * written with its outcome. The paths that finish commands (results, expiry, image loads) need no call of their own.
 * JPA creates entity listeners itself, so the event goes out through {@link CDI#current()}.
 */
public class CommandEvents {

    @PostUpdate
    void written(Command command) {
        if (command.getState() != CommandState.PENDING && command.getFinishedAt() != null) {
            CDI.current().getBeanManager().getEvent().select(CommandFinished.class).fire(new CommandFinished(
                    command.getType(), command.getState(), command.getCreatedAt(), command.getFinishedAt()));
        }
    }
}
