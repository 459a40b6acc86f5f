package dev.berth.commands.boundary;

import dev.berth.commands.entity.Command;
import dev.berth.platform.entity.Actor;
import dev.berth.platform.entity.BerthException;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Reading a command and its outcome; the commands of a unit are its owner's to see. */
@Stateless
public class Commands {

    @PersistenceContext
    EntityManager em;

    public Command get(String id, Actor actor) {
        Command command = em.find(Command.class, id);
        if (command == null) {
            throw BerthException.notFound("no command with id " + id);
        }
        if (!actor.mayActFor(command.getOwner())) {
            throw BerthException.forbidden("command " + id + " concerns another user's unit");
        }
        return command;
    }
}
