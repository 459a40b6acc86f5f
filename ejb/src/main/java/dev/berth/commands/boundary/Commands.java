package dev.berth.commands.boundary;

import dev.berth.commands.entity.Command;
import dev.berth.commands.entity.CommandState;
import dev.berth.images.control.ImageLoads;
import dev.berth.platform.entity.Actor;
import dev.berth.platform.entity.BerthException;
import dev.berth.units.boundary.Units;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Reading commands, and expiring the ones no agent answered. */
@Stateless
public class Commands {

    @PersistenceContext
    EntityManager em;

    @EJB
    Units units;

    @Inject
    ImageLoads imageLoads;

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

    /** Expires every command pending longer than {@code timeout}; returns how many. */
    public int expireOverdue(Duration timeout) {
        List<Command> overdue = em.createNamedQuery(Command.OVERDUE, Command.class)
                .setParameter("pending", CommandState.PENDING)
                .setParameter("before", Instant.now().minus(timeout))
                .getResultList();
        for (Command command : overdue) {
            String reason = "host " + command.getHostName() + " did not answer within " + timeout.toSeconds()
                    + " s; is its agent running?";
            if (command.hasUnit()) {
                units.unanswered(command, reason);
            } else {
                imageLoads.unanswered(command, reason);
            }
        }
        return overdue.size();
    }
}
