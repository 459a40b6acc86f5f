package dev.berth.units.boundary;

import dev.berth.units.entity.Gap;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

/**
 * Every two seconds: compares each unit's desired and observed state and closes the gap ({@link Reconciliation}). It
 * looks only at units that may be out of step (an indexed query), so a sweep over many units that are as wanted
 * costs one query. After a restart of any part it needs nothing special: the agents' inventories bring the observed
 * state, and the next sweep acts on it. Sweeps never overlap. How long each sweep took is the timer
 * {@code berth_reconcile_sweep_seconds}.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class.getName());
    static final String SWEEP = "berth.reconcile.sweep";

    @EJB
    Reconciliation reconciliation;

    @Inject
    MetricRegistry registry;

    private final AtomicBoolean sweeping = new AtomicBoolean();

    @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false)
    void sweep() {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        long begin = System.nanoTime();
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
            registry.timer(Metadata.builder().withName(SWEEP)
                    .withDescription("How long one reconciliation sweep over the units took")
                    .withUnit(MetricUnits.SECONDS).build()).update(Duration.ofNanos(System.nanoTime() - begin));
            sweeping.set(false);
        }
    }
}
