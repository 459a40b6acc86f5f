package dev.berth.batches.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * One item of a batch: its operation and what it names (the item's JSON, never a clear password: a user's is kept
 * only as its hash), and where it stands. The unit it names ({@code unitKey}, {@code host:port}) orders it after the
 * earlier open items naming the same unit.
 */
@Entity
@Table(name = "batch_item")
@NamedQuery(name = BatchItem.OPEN, query = "select i from BatchItem i join fetch i.batch b"
        + " where i.outcome in (dev.berth.batches.entity.ItemOutcome.PENDING,"
        + " dev.berth.batches.entity.ItemOutcome.WAITING) order by i.id")
@NamedQuery(name = BatchItem.ANSWERED, query = "select i.id from BatchItem i"
        + " where i.outcome = dev.berth.batches.entity.ItemOutcome.WAITING and not exists (select c.id from Command c"
        + " where c.id = i.commandId and c.state = dev.berth.commands.entity.CommandState.PENDING)")
@NamedQuery(name = BatchItem.OF_BATCH, query = "select i from BatchItem i where i.batch.id = :batch"
        + " order by i.position")
@NamedQuery(name = BatchItem.COUNTS, query = "select i.batch.id, i.outcome, count(i) from BatchItem i"
        + " where i.batch.id in :batches group by i.batch.id, i.outcome")
@NamedQuery(name = BatchItem.OPEN_OF_BATCH, query = "select count(i) from BatchItem i where i.batch = :batch"
        + " and i.outcome in (dev.berth.batches.entity.ItemOutcome.PENDING,"
        + " dev.berth.batches.entity.ItemOutcome.WAITING)")
public class BatchItem {

    public static final String OPEN = "BatchItem.open";
    /** The waiting items whose command is answered (or gone): the ones a pass can end. */
    public static final String ANSWERED = "BatchItem.answered";
    public static final String OF_BATCH = "BatchItem.ofBatch";
    public static final String COUNTS = "BatchItem.counts";
    public static final String OPEN_OF_BATCH = "BatchItem.openOfBatch";
    /** The longest detail kept. */
    static final int MAX_DETAIL = 4000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "batch_id")
    private Batch batch;
    private int position;
    private String itemKey;
    private String op;
    private String body;
    private String passwordHash;
    private String unitKey;
    private String userName;
    private String hostName;
    @Enumerated(EnumType.STRING)
    private ItemOutcome outcome;
    private String detail;
    private String commandId;
    private Instant finishedAt;

    protected BatchItem() {
    }

    /**
     * @param body         the item's JSON, its password (if any) removed
     * @param passwordHash the hash of a user.upsert's password; null for other items, or when it was refused
     * @param refusal      why the item fails whatever Berth's state (a missing field, a short password); null if none
     */
    public BatchItem(Batch batch, int position, String itemKey, String op, String body, String passwordHash,
                     String unitKey, String userName, String hostName, String refusal) {
        this.batch = Objects.requireNonNull(batch);
        this.position = position;
        this.itemKey = Objects.requireNonNull(itemKey);
        this.op = Objects.requireNonNull(op);
        this.body = Objects.requireNonNull(body);
        this.passwordHash = passwordHash;
        this.unitKey = unitKey;
        this.userName = userName;
        this.hostName = hostName;
        this.outcome = ItemOutcome.PENDING;
        this.detail = refusal;
    }

    /** Ends the item. */
    public void end(ItemOutcome ended, String why) {
        if (!ended.isOpen() && !outcome.isOpen()) {
            throw new IllegalStateException("item " + itemKey + " of batch " + batch.getId() + " ended already");
        }
        this.outcome = ended;
        this.detail = clip(why);
        this.finishedAt = ended.isOpen() ? null : Instant.now();
    }

    /** A start, stop or delete was sent: the item waits for the answer to that command. */
    public void waitFor(String command, String why) {
        this.outcome = ItemOutcome.WAITING;
        this.commandId = Objects.requireNonNull(command);
        this.detail = clip(why);
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL - 1) + "…";
    }

    /** Whether this item refers to a start (which counts against the host's limit of concurrent starts). */
    public boolean isStart() {
        return "unit.start".equals(op);
    }

    public Long getId() {
        return id;
    }

    public Batch getBatch() {
        return batch;
    }

    public int getPosition() {
        return position;
    }

    public String getItemKey() {
        return itemKey;
    }

    public String getOp() {
        return op;
    }

    public String getBody() {
        return body;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public String getUnitKey() {
        return unitKey;
    }

    public String getUserName() {
        return userName;
    }

    public String getHostName() {
        return hostName;
    }

    public ItemOutcome getOutcome() {
        return outcome;
    }

    public String getDetail() {
        return detail;
    }

    public String getCommandId() {
        return commandId;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }
}
