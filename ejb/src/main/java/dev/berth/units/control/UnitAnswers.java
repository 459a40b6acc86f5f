package dev.berth.units.control;

import dev.berth.agents.boundary.CommandAnswered;
import dev.berth.agents.boundary.CommandKind;
import dev.berth.agents.boundary.CommandUnanswered;
import dev.berth.audit.control.AuditTrail;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.commands.entity.Command;
import dev.berth.platform.entity.Actor;
import dev.berth.protocol.AgentResult;
import dev.berth.protocol.CommandType;
import dev.berth.units.boundary.UnitChanged;
import dev.berth.units.entity.Unit;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Takes in the agents' answers to a unit's START, STOP, DELETE and ALLOW_CLIENTS, and their absence, as the agents
 * component routes them (already checked to come from the agent of the unit's host); joins the caller's transaction.
 * An ALLOW_CLIENTS decides no unit's state (it is never the unit's last command): its answer only finishes it.
 */
@Dependent
public class UnitAnswers {

    /** The audit action of a START that made a container anew and had to go back to the previous one. */
    static final String UPDATE = "unit.update";

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    Event<UnitChanged> changed;

    void startAnswered(@Observes @CommandKind(CommandType.START) CommandAnswered answer) {
        answered(answer);
    }

    void stopAnswered(@Observes @CommandKind(CommandType.STOP) CommandAnswered answer) {
        answered(answer);
    }

    void deleteAnswered(@Observes @CommandKind(CommandType.DELETE) CommandAnswered answer) {
        answered(answer);
    }

    void allowClientsAnswered(@Observes @CommandKind(CommandType.ALLOW_CLIENTS) CommandAnswered answer) {
        answered(answer);
    }

    void allowClientsUnanswered(@Observes @CommandKind(CommandType.ALLOW_CLIENTS) CommandUnanswered silence) {
        unanswered(silence);
    }

    void startUnanswered(@Observes @CommandKind(CommandType.START) CommandUnanswered silence) {
        unanswered(silence);
    }

    void stopUnanswered(@Observes @CommandKind(CommandType.STOP) CommandUnanswered silence) {
        unanswered(silence);
    }

    void deleteUnanswered(@Observes @CommandKind(CommandType.DELETE) CommandUnanswered silence) {
        unanswered(silence);
    }

    /**
     * Finishes the command and, unless a newer command has been issued since, sets the unit's observed state (a
     * successful DELETE removes the unit). A result delivered twice has one effect: the second is only noted.
     */
    private void answered(CommandAnswered answer) {
        Command command = answer.command();
        AgentResult result = answer.result();
        Actor agent = answer.agent();
        if (!command.awaitsAnswer()) {
            // a command delivered twice: its first answer counts, this one is only noted
            audit.unit(agent, "command.duplicate", command.getUnitId(), command.getOwner(), Outcome.SUCCEEDED,
                    "command " + command.getId() + " answered again (" + result.outcome() + "); first answer kept");
            return;
        }
        String detail = result.error() != null ? result.error()
                : result.state() + (result.containerId() == null ? "" : ", container " + shortId(result.containerId()));
        boolean succeeded = result.outcome() == dev.berth.protocol.Outcome.SUCCEEDED;
        if (succeeded) {
            command.succeeded(detail);
        } else {
            command.failed(detail);
        }
        Outcome outcome = succeeded ? Outcome.SUCCEEDED : Outcome.FAILED;
        audit.unit(agent, Unit.auditAction(command.getType()), command.getUnitId(), command.getOwner(), outcome,
                "command " + command.getId() + ": " + detail);
        if (Unit.isFailedUpdate(command.getType(), result)) {
            audit.unit(agent, UPDATE, command.getUnitId(), command.getOwner(), Outcome.FAILED,
                    "command " + command.getId() + ": " + result.error());
        }
        Unit unit = em.find(Unit.class, command.getUnitId());
        if (unit == null || !unit.isDecidedBy(command.getId())) {
            return;
        }
        if (command.getType() == CommandType.DELETE && outcome == Outcome.SUCCEEDED) {
            em.remove(unit);
            changed.fire(new UnitChanged(unit.getId(), unit.getOwner().getName(), null));
        } else {
            unit.observed(command.getType(), result);
            changed.fire(new UnitChanged(unit.getId(), unit.getOwner().getName(), unit.getState()));
        }
    }

    /** A command not answered in time leaves its unit FAILED, with the reason. */
    private void unanswered(CommandUnanswered silence) {
        Command command = silence.command();
        String reason = silence.reason();
        command.expired(reason);
        audit.unit(Actor.SYSTEM, Unit.auditAction(command.getType()), command.getUnitId(), command.getOwner(),
                Outcome.FAILED, "command " + command.getId() + ": " + reason);
        Unit unit = em.find(Unit.class, command.getUnitId());
        if (unit != null && unit.isDecidedBy(command.getId())) {
            unit.unanswered(reason);
            changed.fire(new UnitChanged(unit.getId(), unit.getOwner().getName(), unit.getState()));
        }
    }

    private static String shortId(String containerId) {
        return containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
    }
}
