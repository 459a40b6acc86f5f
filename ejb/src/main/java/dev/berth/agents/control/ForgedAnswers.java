package dev.berth.agents.control;

import dev.berth.audit.control.AuditTrail;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.platform.entity.Actor;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/** Audits an answer to a ping that came from another broker account than the pinged host's agent, in its own transaction. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ForgedAnswers {

    @Inject
    AuditTrail audit;

    /** @param host the host pinged, null when the answer named no ping in flight */
    public void pong(String host, String sender) {
        String detail = (host == null ? "an answer to a PING" : "an answer to a PING of host " + host)
                + " came from broker account " + sender + "; dropped";
        if (host == null) {
            audit.message(Actor.sender(sender), "agent.forged", "PING", Outcome.FAILED, detail);
        } else {
            audit.host(Actor.sender(sender), "agent.forged", host, Outcome.FAILED, detail);
        }
    }
}
