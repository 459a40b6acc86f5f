package dev.berth.audit.control;

import dev.berth.audit.entity.AuditRecord;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.platform.entity.Actor;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Writes audit records; joins the caller's transaction, so the record commits or rolls back with the change. */
@Dependent
public class AuditTrail {

    @PersistenceContext
    EntityManager em;

    public void unit(Actor actor, String action, long unitId, String owner, Outcome outcome, String detail) {
        em.persist(new AuditRecord(actor.name(), action, "unit " + unitId, unitId, owner, outcome, detail));
    }

    public void user(Actor actor, String action, String userName, Outcome outcome, String detail) {
        em.persist(new AuditRecord(actor.name(), action, "user " + userName, null, userName, outcome, detail));
    }

    public void host(Actor actor, String action, String hostName, Outcome outcome, String detail) {
        em.persist(new AuditRecord(actor.name(), action, "host " + hostName, null, null, outcome, detail));
    }

    public void message(Actor actor, String action, String target, Outcome outcome, String detail) {
        em.persist(new AuditRecord(actor.name(), action, target, null, null, outcome, detail));
    }
}
