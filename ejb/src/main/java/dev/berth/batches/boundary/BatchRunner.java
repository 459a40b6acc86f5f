package dev.berth.batches.boundary;

import dev.berth.batches.control.ItemSteps;
import dev.berth.batches.entity.BatchItem;
import dev.berth.batches.entity.ItemOutcome;
import dev.berth.commands.entity.CommandFinished;
import dev.berth.platform.control.ManagerConfig;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drives the running batches (also those a crash left behind): ends the items whose start, stop or delete was
 * answered, applies the pending items in order, and ends the batches whose items all ended. An item that names a unit
 * waits while an earlier item naming the same unit is open; a start waits while its host has
 * {@code berth.batch.starts-per-host} starts of batches under way. Each step is a transaction of its own.
 * <p>
 * A pass runs as soon as there is something to do: when a batch was kept, and when a command ended while items were
 * open (the next start of a host goes out as the last one's result is in, not at the next tick); and every second
 * anyway. One pass at a time: what asks for one while a pass runs gets another right after it.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class BatchRunner {

    private static final Logger LOG = Logger.getLogger(BatchRunner.class.getName());

    @EJB
    ItemSteps steps;

    @Inject
    ManagerConfig config;

    @Resource
    ManagedExecutorService executor;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();
    /** Whether the last pass found items open: only then does a command's end ask for a pass. */
    private volatile boolean itemsOpen = true;

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        drive();
    }

    /** A batch was kept, or may go on: a pass runs now, on a thread of its own. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void nudge() {
        itemsOpen = true;
        executor.execute(this::drive);
    }

    /**
     * A command ended: an item of a batch may have been waiting for it. Called as the command's transaction completes:
     * SUPPORTS leaves that transaction alone. With NOT_SUPPORTED the container suspended it and then failed to resume
     * a transaction that had ended, logging a warning and an error for every command that ended.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void commandEnded(@Observes(during = TransactionPhase.AFTER_SUCCESS) CommandFinished finished) {
        if (itemsOpen) {
            executor.execute(this::drive);
        }
    }

    /** Passes until none was asked for meanwhile; returns at once when another thread is passing (it passes again). */
    private void drive() {
        wanted.set(true);
        while (wanted.get() && running.compareAndSet(false, true)) {
            try {
                while (wanted.getAndSet(false)) {
                    pass();
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a pass over the open batch items failed; the next one tries again", e);
            } finally {
                running.set(false);
            }
        }
    }

    private void pass() {
        // read in a transaction (ItemSteps): read outside one, Hibernate let go of the connection under the result
        List<BatchItem> open = steps.open();
        itemsOpen = !open.isEmpty();
        // one query says which waiting items can end; only those get a transaction of their own
        Set<Long> answered = open.stream().anyMatch(i -> i.getOutcome() == ItemOutcome.WAITING) ? steps.answered()
                : Set.of();
        Set<String> busyUnits = new HashSet<>();
        Map<String, Integer> startsOn = new HashMap<>();
        for (BatchItem item : open) {
            if (item.getOutcome() == ItemOutcome.WAITING
                    && (!answered.contains(item.getId()) || !steps.settle(item.getId()))) {
                busy(item, busyUnits, startsOn);
            }
        }
        for (BatchItem item : open) {
            if (item.getOutcome() != ItemOutcome.PENDING) {
                continue;
            }
            if (item.getUnitKey() != null && busyUnits.contains(item.getUnitKey())
                    || item.isStart() && startsOn.getOrDefault(item.getHostName(), 0) >= config.batchStartsPerHost()) {
                // after an open item of its unit, or its host has its fill of starts: later items of the unit wait too
                if (item.getUnitKey() != null) {
                    busyUnits.add(item.getUnitKey());
                }
                continue;
            }
            if (apply(item) == ItemOutcome.WAITING) {
                busy(item, busyUnits, startsOn);
            }
        }
        for (String batch : steps.running()) {
            steps.finish(batch);
        }
    }

    private static void busy(BatchItem item, Set<String> busyUnits, Map<String, Integer> startsOn) {
        if (item.getUnitKey() != null) {
            busyUnits.add(item.getUnitKey());
        }
        if (item.isStart()) {
            startsOn.merge(item.getHostName(), 1, Integer::sum);
        }
    }

    private ItemOutcome apply(BatchItem item) {
        try {
            return steps.apply(item.getId());
        } catch (RuntimeException refused) {
            String reason = reasonOf(refused);
            if (!(refused instanceof dev.berth.platform.entity.BerthException)) {
                LOG.log(Level.FINE, "item " + item.getItemKey() + " of batch " + item.getBatch().getId(), refused);
            }
            steps.fail(item.getId(), reason);
            return ItemOutcome.FAILED;
        }
    }

    /** The message a person would read: the boundary's refusal, not the container's wrapping of it. */
    static String reasonOf(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof EJBException || cause.getMessage() == null) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
