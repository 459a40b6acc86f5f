package dev.berth.units.boundary;

import dev.berth.audit.control.AuditTrail;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.platform.entity.Actor;
import dev.berth.units.entity.Gap;
import dev.berth.units.entity.Observed;
import dev.berth.units.entity.RestartRules;
import dev.berth.units.entity.Unit;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * Closes the gap between one unit's desired and observed state, in a transaction of its own (one unit's trouble never
 * holds up the others), by the restart rules in force. Every step is audited as {@code reconcile.*} with its reason,
 * except the restarts of a streak after its first: a crash loop leaves one record as it begins and one summary as it
 * ends ({@code reconcile.recovered} or {@code reconcile.gaveup}).
 */
@Stateless
public class Reconciliation {

    @PersistenceContext
    EntityManager em;

    @EJB
    Units units;

    @EJB
    Restarts restarts;

    @Inject
    AuditTrail audit;

    @Inject
    Event<UnitChanged> changed;

    /** The units whose desired and observed state may differ, on ONLINE hosts, with no command under way. */
    public List<Long> outOfStep() {
        return em.createNamedQuery(Unit.OUT_OF_STEP, Long.class).getResultList();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Gap reconcile(long unitId, Instant now) {
        Unit unit = em.find(Unit.class, unitId);
        if (unit == null) {
            return Gap.NONE;
        }
        RestartRules rules = restarts.rules();
        Gap gap = unit.gap(rules, now);
        String policy = restarts.policyOf(unit).text();
        switch (gap) {
            case NONE -> {
                return gap;
            }
            case ADOPT -> {
                String was = unit.getState() + (unit.getLastError() == null ? "" : " (" + unit.getLastError() + ")");
                unit.adopt();
                record(unit, "reconcile.observed", "its container runs; the unit was " + was + ", now RUNNING");
            }
            case RECOVERED -> {
                int count = unit.getRestarts();
                String exits = unit.endStreak();
                record(unit, "reconcile.recovered", "runs again, " + rules.stable().toSeconds() + " s after the last"
                        + " of " + count + " restart(s) in a row (exits: " + exits + ")");
            }
            case STRAY -> {
                units.stopAgain(unit);
                record(unit, "reconcile.stop", "its container runs although the unit was stopped through Berth (it"
                        + " was started outside Berth): stopped again");
            }
            case FAIL -> {
                String reason = unit.exitText() + "; restart policy " + policy + " does not start it again";
                unit.failObserved(reason);
                unit.endStreak();
                record(unit, unit.getObserved() == Observed.MISSING ? "reconcile.missing" : "reconcile.failed",
                        reason);
            }
            case DONE -> {
                unit.doneByItself();
                unit.endStreak();
                record(unit, "reconcile.observed", "its process ended by itself with code 0; restart policy "
                        + policy + ": the unit is STOPPED");
            }
            case GIVE_UP -> {
                int count = unit.getRestarts();
                String exits = unit.endStreak();
                String reason = unit.exitText() + " again after " + count + " restart(s) in a row (exits: " + exits
                        + "); gave up at the restart limit of " + rules.limit();
                unit.failObserved(reason);
                record(unit, "reconcile.gaveup", reason);
            }
            case BACK_OFF -> {
                unit.backOff(rules, now);
                return gap;
            }
            case RESTART -> restart(unit, policy, now);
        }
        changed.fire(new UnitChanged(unit.getId(), unit.getOwner().getName(), unit.getState()));
        return gap;
    }

    private void restart(Unit unit, String policy, Instant now) {
        String why = unit.exitText();
        String refusal = units.whyNotRestartable(unit);
        if (refusal != null) {
            String reason = why + "; it could not be started again: " + refusal;
            unit.failObserved(reason);
            unit.endStreak();
            record(unit, "reconcile.failed", reason);
            return;
        }
        units.restart(unit);
        if (unit.getRestarts() == 1) {
            record(unit, "reconcile.restart", why + "; restart policy " + policy + ": started again (restarts"
                    + " that follow in this streak are summarised when it ends)");
        }
    }

    private void record(Unit unit, String action, String detail) {
        audit.unit(Actor.RECONCILER, action, unit.getId(), unit.getOwner().getName(), Outcome.SUCCEEDED, detail);
    }
}
