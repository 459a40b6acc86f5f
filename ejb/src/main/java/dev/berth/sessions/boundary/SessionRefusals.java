package dev.berth.sessions.boundary;

import dev.berth.audit.control.AuditTrail;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.platform.entity.Actor;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/** Notes a refused login in the audit trail, in a transaction of its own: the refusal rolls the login's back. */
@Stateless
public class SessionRefusals {

    @Inject
    AuditTrail audit;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void refused(Actor actor, String user, String why) {
        audit.user(actor, "session.refused", user, Outcome.FAILED, why);
    }
}
