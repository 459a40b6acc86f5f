package dev.berth.agents.boundary;

import dev.berth.audit.control.AuditTrail;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.commands.entity.Command;
import dev.berth.commands.entity.CommandState;
import dev.berth.platform.entity.Actor;
import dev.berth.protocol.AgentResult;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Agents' answers to commands, and their silence. Whatever the kind of command, an answer is first checked here: a
 * result for a command the manager never sent is noted, one from any other broker account than the agent of the
 * command's host is audited as {@code agent.forged} and dropped. What remains is routed by the command's kind, as a
 * {@link CommandAnswered} or {@link CommandUnanswered} event, to the component that sent that kind of command
 * ({@link AnswerRoutes} makes sure there is exactly one for every kind). Each public method joins the caller's
 * transaction: the message's consumption (or the housekeeping's sweep), the state change and the audit record commit
 * together.
 */
@Stateless
public class Answers {

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    Event<CommandAnswered> answered;

    @Inject
    Event<CommandUnanswered> unanswered;

    /**
     * Takes in an agent's result. Only the agent of the host the command was sent to may answer it: a result from any
     * other broker account ({@code sender}, stamped by the broker) is audited as {@code agent.forged} and dropped,
     * whatever host its body names.
     */
    public void take(AgentResult result, String sender) {
        Command command = em.find(Command.class, result.commandId());
        Actor agent = Actor.sender(sender);
        if (command == null) {
            audit.message(agent, "result.unknown", "command " + result.commandId(), Outcome.FAILED,
                    "a result for a command the manager never sent: " + result);
            return;
        }
        if (!command.isAnswerableBy(sender)) {
            String detail = "a " + result.outcome() + " result for command " + command.getId() + " ("
                    + command.getType() + ", sent to host " + command.getHostName() + ") came from broker account "
                    + sender + " (its body says host " + result.host() + "); dropped, nothing changed";
            if (command.hasUnit()) {
                audit.unit(agent, "agent.forged", command.getUnitId(), command.getOwner(), Outcome.FAILED, detail);
            } else {
                audit.host(agent, "agent.forged", command.getHostName(), Outcome.FAILED, detail);
            }
            return;
        }
        answered.select(CommandKind.Literal.of(command.getType())).fire(new CommandAnswered(command, result, agent));
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
            unanswered.select(CommandKind.Literal.of(command.getType())).fire(new CommandUnanswered(command, reason));
        }
        return overdue.size();
    }
}
