package dev.berth.batches.control;

import dev.berth.audit.control.AuditTrail;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.batches.entity.Batch;
import dev.berth.batches.entity.BatchItem;
import dev.berth.batches.entity.BatchState;
import dev.berth.batches.entity.ItemOutcome;
import dev.berth.commands.entity.Command;
import dev.berth.commands.entity.CommandState;
import dev.berth.legacy.boundary.Imports;
import dev.berth.legacy.control.Change;
import dev.berth.platform.entity.Actor;
import dev.berth.platform.entity.BerthException;
import dev.berth.units.boundary.Units;
import dev.berth.units.entity.Unit;
import dev.berth.units.entity.UnitState;
import dev.berth.users.boundary.Users;
import dev.berth.users.entity.AppUser;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The steps of a batch, each a transaction of its own: keeping a batch, applying one item through the boundary a
 * person's request goes through (the item's outcome and its reply commit with the item's effect), recording why an
 * item failed (the effect rolled back), ending an item that waited for its unit's agent, ending a batch.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ItemSteps {

    private static final Jsonb JSONB = JsonbBuilder.create();
    /** One reader factory: {@code Json.createReader} looks its provider up anew at every call. */
    private static final JsonReaderFactory JSON = Json.createReaderFactory(Map.of());

    /** What applying an item did: an end, or a command to wait for. */
    record Applied(ItemOutcome outcome, String detail, String commandId) {

        static Applied of(ItemOutcome outcome, String detail) {
            return new Applied(outcome, detail, null);
        }
    }

    @PersistenceContext
    EntityManager em;

    @EJB
    Users users;

    @EJB
    Units units;

    @EJB
    Imports imports;

    @EJB
    Replies replies;

    @Inject
    AuditTrail audit;

    /**
     * Keeps a new batch and its items, audited as {@code batch.submit}.
     *
     * @param hashes the password hash of each user.upsert item by key (absent: its password was refused)
     */
    public void record(String id, Actor actor, String replyTo, List<ItemPlan> plans, Map<String, String> hashes,
                       Map<String, String> refusals) {
        Batch batch = new Batch(id, actor.name(), replyTo, plans.size());
        em.persist(batch);
        int position = 0;
        for (ItemPlan plan : plans) {
            String refusal = plan.refusal() != null ? plan.refusal() : refusals.get(plan.key());
            em.persist(new BatchItem(batch, ++position, plan.key(), plan.op(), plan.body().toString(),
                    hashes.get(plan.key()), plan.unitKey(), plan.userName(), plan.hostName(), refusal));
        }
        em.flush();
        audit.message(actor, "batch.submit", "batch " + id, Outcome.ACCEPTED, plans.size() + " item(s)"
                + (replyTo == null ? "" : ", replies to " + replyTo));
    }

    /** The same batch sent again: the results recorded so far go to {@code replyTo}, and the summary if it is done. */
    public void answerAgain(String id, String replyTo) {
        Batch batch = em.find(Batch.class, id);
        List<BatchItem> items = em.createNamedQuery(BatchItem.OF_BATCH, BatchItem.class).setParameter("batch", id)
                .getResultList();
        for (BatchItem item : items) {
            if (!item.getOutcome().isOpen() && !replies.send(replyTo, id, Replies.item(id, item))) {
                return;
            }
        }
        if (batch.getState() == BatchState.DONE) {
            replies.send(replyTo, id, Replies.done(id, counts(items)));
        }
    }

    /** Applies a pending item; a refusal of the boundary rolls it all back (then {@link #fail} records it). */
    public ItemOutcome apply(long itemId) {
        BatchItem item = em.find(BatchItem.class, itemId);
        if (item == null || item.getOutcome() != ItemOutcome.PENDING) {
            return item == null ? ItemOutcome.FAILED : item.getOutcome();
        }
        if (item.getDetail() != null) {
            throw BerthException.invalid(item.getDetail());
        }
        Actor actor = actorOf(item.getBatch());
        JsonObject body;
        try (JsonReader reader = JSON.createReader(new StringReader(item.getBody()))) {
            body = reader.readObject();
        }
        Applied applied = switch (item.getOp()) {
            case "user.upsert" -> upsert(item, body, actor);
            case "unit.ensure" -> ensure(body.getJsonObject("unit"), actor);
            case "unit.start" -> start(body, actor);
            case "unit.stop" -> stop(body, actor);
            case "unit.delete" -> delete(body, actor);
            case "user.disable" -> disable(item.getUserName(), actor);
            case "user.delete" -> deleteUser(item.getUserName(), actor);
            case BatchRequest.IMPORT -> importUsers(body.getString("xml"), actor);
            default -> throw BerthException.invalid("op '" + item.getOp() + "' is unknown");
        };
        if (applied.commandId() != null) {
            item.waitFor(applied.commandId(), applied.detail());
        } else {
            end(item, applied.outcome(), applied.detail());
        }
        return item.getOutcome();
    }

    /** The items not ended yet, with their batches, in order: what a pass of the runner looks at. */
    public List<BatchItem> open() {
        return em.createNamedQuery(BatchItem.OPEN, BatchItem.class).getResultList();
    }

    /** The waiting items whose command was answered or expired: only these can be settled now. */
    public Set<Long> answered() {
        return new HashSet<>(em.createNamedQuery(BatchItem.ANSWERED, Long.class).getResultList());
    }

    /** The ids of the batches not done yet. */
    public List<String> running() {
        return em.createNamedQuery(Batch.RUNNING, Batch.class).getResultList().stream().map(Batch::getId).toList();
    }

    /** Records that a pending item failed, with the reason (what the REST API would answer), and replies. */
    public void fail(long itemId, String reason) {
        BatchItem item = em.find(BatchItem.class, itemId);
        if (item != null && item.getOutcome() == ItemOutcome.PENDING) {
            end(item, ItemOutcome.FAILED, reason);
        }
    }

    /** Ends a waiting item once its command is answered (or expired); false while it is not. */
    public boolean settle(long itemId) {
        BatchItem item = em.find(BatchItem.class, itemId);
        if (item == null || item.getOutcome() != ItemOutcome.WAITING) {
            return true;
        }
        Command command = em.find(Command.class, item.getCommandId());
        if (command != null && command.getState() == CommandState.PENDING) {
            return false;
        }
        if (command != null && command.getState() == CommandState.SUCCEEDED) {
            end(item, ItemOutcome.APPLIED, item.getDetail() + ": done");
        } else {
            Long unitId = command == null ? null : command.getUnitId();
            Unit unit = unitId == null ? null : em.find(Unit.class, unitId);
            String why = unit != null && unit.getLastError() != null ? unit.getLastError()
                    : command == null ? "command " + item.getCommandId() + " is gone" : command.getResult();
            end(item, ItemOutcome.FAILED, item.getDetail() + ": " + (command == null ? "" : command.getState() + ": ")
                    + why);
        }
        return true;
    }

    /** Ends a running batch whose items all ended, and sends its summary; false while an item is open. */
    public boolean finish(String id) {
        Batch batch = em.find(Batch.class, id);
        if (batch == null || batch.getState() == BatchState.DONE) {
            return true;
        }
        if (em.createNamedQuery(BatchItem.OPEN_OF_BATCH, Long.class).setParameter("batch", batch)
                .getSingleResult() > 0) {
            return false;
        }
        batch.finish();
        Map<ItemOutcome, Long> counts = counts(em.createNamedQuery(BatchItem.OF_BATCH, BatchItem.class)
                .setParameter("batch", id).getResultList());
        if (batch.getReplyTo() != null) {
            replies.send(batch.getReplyTo(), id, Replies.done(id, counts));
        }
        audit.message(actorOf(batch), "batch.done", "batch " + id, Outcome.SUCCEEDED, counts.getOrDefault(
                ItemOutcome.APPLIED, 0L) + " applied, " + counts.getOrDefault(ItemOutcome.UNCHANGED, 0L)
                + " unchanged, " + counts.getOrDefault(ItemOutcome.FAILED, 0L) + " failed");
        return true;
    }

    static Map<ItemOutcome, Long> counts(List<BatchItem> items) {
        Map<ItemOutcome, Long> counts = new EnumMap<>(ItemOutcome.class);
        items.forEach(item -> counts.merge(item.getOutcome(), 1L, Long::sum));
        return counts;
    }

    private void end(BatchItem item, ItemOutcome outcome, String detail) {
        item.end(outcome, detail);
        Batch batch = item.getBatch();
        if (batch.getReplyTo() != null
                && !replies.send(batch.getReplyTo(), batch.getId(), Replies.item(batch.getId(), item))) {
            batch.replyQueueGone();
        }
    }

    /** Who a batch acts as: the admin who sent it, or the provisioning account. */
    private static Actor actorOf(Batch batch) {
        return new Actor(batch.getSubmittedBy(), true);
    }

    private Applied upsert(BatchItem item, JsonObject body, Actor actor) {
        Users.NewUser user = JSONB.fromJson(body.getJsonObject("user").toString(), Users.NewUser.class);
        Users.Upserted done = users.upsert(user, item.getPasswordHash(), actor);
        return switch (done) {
            case CREATED -> Applied.of(ItemOutcome.APPLIED, "user " + user.name() + " created");
            case CHANGED -> Applied.of(ItemOutcome.APPLIED, "user " + user.name() + " changed");
            case UNCHANGED -> Applied.of(ItemOutcome.UNCHANGED, "user " + user.name() + " is as asked already");
        };
    }

    private Applied ensure(JsonObject unit, Actor actor) {
        String owner = unit.getString("user");
        String host = unit.getString("host");
        int port = unit.getJsonNumber("port").intValue();
        String image = unit.containsKey("image") && !unit.isNull("image") ? unit.getString("image") : null;
        Optional<Unit> existing = units.onPort(host, port);
        if (existing.isEmpty()) {
            Unit made = units.create(new Units.NewUnit(owner, host, port, image), actor);
            return Applied.of(ItemOutcome.APPLIED, "unit " + made.getId() + " defined on " + host + ":" + port);
        }
        Unit there = existing.get();
        requireOwner(there, owner);
        if (image != null && !image.trim().equals(there.getImage())) {
            units.changeImage(there.getId(), image, actor);
            return Applied.of(ItemOutcome.APPLIED, "unit " + there.getId() + ": image " + image.trim()
                    + " from its next start");
        }
        return Applied.of(ItemOutcome.UNCHANGED, "unit " + there.getId() + " is defined already");
    }

    private Applied start(JsonObject item, Actor actor) {
        Unit unit = unitOf(item);
        if (unit.getState() == UnitState.RUNNING || unit.getState() == UnitState.STARTING) {
            return Applied.of(ItemOutcome.UNCHANGED, "unit " + unit.getId() + " is " + unit.getState() + " already");
        }
        Command command = units.start(unit.getId(), actor);
        return new Applied(ItemOutcome.WAITING, "unit " + unit.getId() + " start", command.getId());
    }

    private Applied stop(JsonObject item, Actor actor) {
        Unit unit = unitOf(item);
        if (!unit.isStoppable()) {
            return Applied.of(ItemOutcome.UNCHANGED, "unit " + unit.getId() + " is " + unit.getState() + "; nothing"
                    + " to stop");
        }
        Command command = units.stop(unit.getId(), actor);
        return new Applied(ItemOutcome.WAITING, "unit " + unit.getId() + " stop", command.getId());
    }

    private Applied delete(JsonObject item, Actor actor) {
        Optional<Unit> unit = units.onPort(item.getString("host"), port(item));
        if (unit.isEmpty()) {
            return Applied.of(ItemOutcome.UNCHANGED, "no unit on " + item.getString("host") + ":" + port(item));
        }
        requireOwner(unit.get(), item.getString("user"));
        Command command = units.delete(unit.get().getId(), actor);
        return new Applied(ItemOutcome.WAITING, "unit " + unit.get().getId() + " delete", command.getId());
    }

    private Applied disable(String name, Actor actor) {
        AppUser user = users.find(name).orElseThrow(() -> BerthException.notFound("no user named '" + name + "'"));
        if (user.isDisabled()) {
            return Applied.of(ItemOutcome.UNCHANGED, "user " + name + " is disabled already");
        }
        List<Long> stopped = users.disable(name, actor);
        return Applied.of(ItemOutcome.APPLIED, "user " + name + " disabled" + (stopped.isEmpty() ? ""
                : "; units stopping: " + stopped));
    }

    private Applied deleteUser(String name, Actor actor) {
        if (users.find(name).isEmpty()) {
            return Applied.of(ItemOutcome.UNCHANGED, "no user named '" + name + "'");
        }
        users.delete(name, actor);
        return Applied.of(ItemOutcome.APPLIED, "user " + name + " deleted");
    }

    private Applied importUsers(String xml, Actor actor) {
        List<Change> changes = imports.apply(new Imports.Request(Imports.Kind.USERS, xml, null, null), actor);
        Map<String, Long> counts = changes.stream()
                .collect(Collectors.groupingBy(Change::action, TreeMap::new, Collectors.counting()));
        boolean changed = counts.containsKey(Change.CREATE) || counts.containsKey(Change.UPDATE);
        return Applied.of(changed ? ItemOutcome.APPLIED : ItemOutcome.UNCHANGED, counts.isEmpty()
                ? "nothing in the file" : counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", ")));
    }

    private Unit unitOf(JsonObject item) {
        String host = item.getString("host");
        int port = port(item);
        Unit unit = units.onPort(host, port).orElseThrow(() -> BerthException.notFound("no unit on " + host + ":"
                + port + "; define it first (unit.ensure)"));
        requireOwner(unit, item.getString("user"));
        return unit;
    }

    private static int port(JsonObject item) {
        return ((JsonNumber) item.get("port")).intValue();
    }

    private static void requireOwner(Unit unit, String owner) {
        if (!unit.getOwner().getName().equals(owner)) {
            throw BerthException.conflict("port " + unit.getPort() + " on host " + unit.getHost().getName()
                    + " is in use by unit " + unit.getId() + " of user " + unit.getOwner().getName() + ", not "
                    + owner);
        }
    }
}
