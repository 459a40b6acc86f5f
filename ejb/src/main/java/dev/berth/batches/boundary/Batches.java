package dev.berth.batches.boundary;

import dev.berth.batches.control.BatchRequest;
import dev.berth.batches.control.ItemPlan;
import dev.berth.batches.control.ItemSteps;
import dev.berth.batches.entity.Batch;
import dev.berth.batches.entity.BatchItem;
import dev.berth.batches.entity.ItemOutcome;
import dev.berth.platform.entity.Actor;
import dev.berth.platform.entity.BerthException;
import dev.berth.users.boundary.Users;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Batches' use cases, for admins (REST) and provisioning producers (JMS). A batch is kept with its items at once and
 * applied by {@link BatchRunner}, item by item, each in a transaction of its own. Passwords are hashed before the
 * batch is kept, outside any transaction and in parallel: the slow part of making many users.
 */
@Stateless
public class Batches {

    /** The most batches one list holds. */
    public static final int MAX_LIST = 500;

    /**
     * What a submit did.
     *
     * @param created false: a batch of that id was there already; nothing was applied again
     */
    public record Submitted(boolean created, BatchView view) {
    }

    @PersistenceContext
    EntityManager em;

    @EJB
    ItemSteps steps;

    @EJB
    Users users;

    @EJB
    BatchRunner runner;

    @Resource
    ManagedExecutorService executor;

    @Resource
    SessionContext context;

    /**
     * Keeps a batch to be applied, or, for an id known already, applies nothing and sends the results recorded so
     * far to {@code replyTo} (the summary too once the batch is done).
     *
     * @param replyTo the queue replies go to; empty: none is sent
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Submitted submit(BatchRequest request, Actor actor, Optional<String> replyTo) {
        requireAdmin(actor);
        if (self().known(request.batch())) {
            return again(request.batch(), replyTo);
        }
        List<ItemPlan> plans = request.items().stream().map(ItemPlan::of).toList();
        Map<String, String> hashes = new HashMap<>();
        Map<String, String> refusals = new ConcurrentHashMap<>();
        hashAll(plans, hashes, refusals);
        try {
            steps.record(request.batch(), actor, replyTo.orElse(null), plans, hashes, refusals);
        } catch (EJBException | jakarta.persistence.PersistenceException raced) {
            if (self().known(request.batch())) {
                return again(request.batch(), replyTo);
            }
            throw raced;
        }
        runner.nudge();
        return new Submitted(true, self().view(request.batch(), actor));
    }

    private Submitted again(String id, Optional<String> replyTo) {
        replyTo.ifPresent(queue -> steps.answerAgain(id, queue));
        return new Submitted(false, self().view(id, Actor.SYSTEM));
    }

    /** Whether a batch of that id was kept. */
    public boolean known(String id) {
        return em.find(Batch.class, id) != null;
    }

    /**
     * This bean as the container calls it: {@link #submit} runs outside a transaction (hashing takes long), and
     * the entity manager reads in one only (read outside, it failed now and then inside Hibernate).
     */
    private Batches self() {
        return context.getBusinessObject(Batches.class);
    }

    /**
     * Hashes the passwords of the user.upsert items on one worker per processor (the managed executor refuses tasks
     * beyond its queue, so the workers share one list rather than a task per password).
     */
    private void hashAll(List<ItemPlan> plans, Map<String, String> hashes, Map<String, String> refusals) {
        // one hash per user and password: a user upserted twice with one password in a batch is unchanged the second
        // time (two hashes of it would differ by their salts)
        Map<List<String>, List<String>> keysByPassword = new LinkedHashMap<>();
        for (ItemPlan plan : plans) {
            if (plan.givenHash() != null) {
                hashes.put(plan.key(), plan.givenHash());
            } else if ("user.upsert".equals(plan.op()) && plan.refusal() == null) {
                keysByPassword.computeIfAbsent(Arrays.asList(plan.userName(), plan.password()),
                        same -> new ArrayList<>()).add(plan.key());
            }
        }
        if (keysByPassword.isEmpty()) {
            return;
        }
        Queue<Map.Entry<List<String>, List<String>>> work = new ConcurrentLinkedQueue<>(keysByPassword.entrySet());
        Map<String, String> done = new ConcurrentHashMap<>();
        Runnable worker = () -> {
            for (var next = work.poll(); next != null; next = work.poll()) {
                try {
                    String hash = users.hashAhead(next.getKey().get(0), next.getKey().get(1));
                    next.getValue().forEach(key -> done.put(key, hash));
                } catch (RuntimeException e) {
                    Throwable cause = e instanceof EJBException ejb && ejb.getCause() != null ? ejb.getCause() : e;
                    next.getValue().forEach(key -> refusals.put(key, String.valueOf(cause.getMessage())));
                }
            }
        };
        int workers = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), keysByPassword.size()));
        List<Future<?>> running = new ArrayList<>();
        for (int i = 1; i < workers; i++) {
            running.add(executor.submit(worker));
        }
        worker.run();
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (ExecutionException e) {
                throw new EJBException("hashing the batch's passwords failed: " + e.getCause(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw BerthException.unavailable("interrupted while hashing the batch's passwords");
            }
        }
        hashes.putAll(done);
    }

    /** A batch with its items' results. */
    public BatchView view(String id, Actor actor) {
        requireAdmin(actor);
        Batch batch = em.find(Batch.class, id);
        if (batch == null) {
            throw BerthException.notFound("no batch with id '" + id + "'");
        }
        List<BatchItem> items = em.createNamedQuery(BatchItem.OF_BATCH, BatchItem.class).setParameter("batch", id)
                .getResultList();
        Map<ItemOutcome, Long> counts = new EnumMap<>(ItemOutcome.class);
        items.forEach(item -> counts.merge(item.getOutcome(), 1L, Long::sum));
        return view(batch, counts, items.stream().map(item -> new BatchView.Item(item.getItemKey(), item.getOp(),
                item.getOutcome().name(), item.getDetail(), item.getFinishedAt())).toList());
    }

    /** The newest batches, without their items. */
    public List<BatchView> list(int limit, Actor actor) {
        requireAdmin(actor);
        if (limit < 1 || limit > MAX_LIST) {
            throw BerthException.invalid("limit " + limit + " is outside 1.." + MAX_LIST);
        }
        List<Batch> batches = em.createNamedQuery(Batch.NEWEST, Batch.class).setMaxResults(limit).getResultList();
        if (batches.isEmpty()) {
            return List.of();
        }
        Map<String, Map<ItemOutcome, Long>> counts = new HashMap<>();
        em.createNamedQuery(BatchItem.COUNTS, Object[].class)
                .setParameter("batches", batches.stream().map(Batch::getId).toList()).getResultList()
                .forEach(row -> counts.computeIfAbsent((String) row[0], id -> new EnumMap<>(ItemOutcome.class))
                        .put((ItemOutcome) row[1], (Long) row[2]));
        List<BatchView> views = new ArrayList<>();
        for (Batch batch : batches) {
            views.add(view(batch, counts.getOrDefault(batch.getId(), Map.of()), null));
        }
        return views;
    }

    private static BatchView view(Batch batch, Map<ItemOutcome, Long> counts, List<BatchView.Item> items) {
        return new BatchView(batch.getId(), batch.getSubmittedBy(), batch.getCreatedAt(), batch.getFinishedAt(),
                batch.getState().name(), batch.getTotal(), counts.getOrDefault(ItemOutcome.APPLIED, 0L),
                counts.getOrDefault(ItemOutcome.UNCHANGED, 0L), counts.getOrDefault(ItemOutcome.FAILED, 0L),
                counts.getOrDefault(ItemOutcome.PENDING, 0L) + counts.getOrDefault(ItemOutcome.WAITING, 0L), items);
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.admin()) {
            throw BerthException.forbidden(actor.name() + " may not submit or read batches; an admin does");
        }
    }
}
