package dev.berth.units.boundary;

import dev.berth.units.entity.Gap;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every two seconds: compares each unit's desired and observed state and closes the gap ({@link Reconciliation}). It
 * looks only at units that may be out of step (an indexed query), so a sweep over many units that are as wanted
 * costs one query. After a restart of any part it needs nothing special: the agents' inventories bring the observed
 * state, and the next sweep acts on it. Sweeps never overlap.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class.getName());

    @EJB
    Reconciliation reconciliation;

    private final AtomicBoolean sweeping = new AtomicBoolean();

    @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false)
    void sweep() {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            Instant now = Instant.now();
            for (Long id : reconciliation.outOfStep()) {
                try {
                    Gap gap = reconciliation.reconcile(id, now);
                    if (gap != Gap.NONE && gap != Gap.BACK_OFF) {
                        LOG.info(() -> "unit " + id + ": " + gap);
                    }
                } catch (RuntimeException e) {
                    // one unit's trouble (a concurrent change, the database) waits for the next sweep
                    LOG.log(Level.FINE, "unit " + id + " not reconciled now", e);
                }
            }
        } finally {
            sweeping.set(false);
        }
    }
}
