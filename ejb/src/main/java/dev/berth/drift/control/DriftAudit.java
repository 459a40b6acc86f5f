package dev.berth.drift.control;

import dev.berth.audit.control.AuditTrail;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.drift.entity.Finding;
import dev.berth.platform.entity.Actor;
import dev.berth.protocol.AgentCommand;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * The audit records of drift, each in a transaction of its own: a repair's work happens outside any transaction
 * (it waits for agents), and each outcome is recorded as it is known.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DriftAudit {

    /** The action of every repair, done, failed or refused. */
    public static final String REPAIR = "drift.repair";

    @Inject
    AuditTrail audit;

    /** One repair of one finding (or of an id that names none: {@code finding} null). */
    public void repair(Actor actor, String id, Finding finding, Outcome outcome, String detail) {
        String text = finding == null ? "finding " + id + ": " + detail
                : "finding " + finding.id() + " " + finding.kind() + " on host " + finding.host() + " (" + finding.detail()
                        + "): " + detail;
        if (finding != null && finding.unit() != null) {
            audit.unit(actor, REPAIR, finding.unit(), null, outcome, text);
        } else if (finding != null) {
            audit.host(actor, REPAIR, finding.host(), outcome, text);
        } else {
            audit.message(actor, REPAIR, "finding " + id, outcome, text);
        }
    }

    /** An answer to a drift request that came from another broker account than the host's agent; dropped. */
    public void forged(String host, AgentCommand request, String sender) {
        audit.host(Actor.sender(sender), "agent.forged", host, Outcome.FAILED, "an answer to " + request.kind() + " "
                + request.commandId() + " (asked of host " + host + ") came from broker account " + sender
                + "; dropped");
    }
}
