package dev.berth.batches.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A batch as submitted: the producer's own id (so that the same batch sent again is known), who sent it, and where
 * its replies go (a queue's name; null when nobody asked for replies, or the queue is gone).
 */
@Entity
@Table(name = "batch")
@NamedQuery(name = Batch.RUNNING, query = "select b from Batch b where b.state = dev.berth.batches.entity.BatchState.RUNNING"
        + " order by b.createdAt")
@NamedQuery(name = Batch.NEWEST, query = "select b from Batch b order by b.createdAt desc, b.id")
public class Batch {

    public static final String RUNNING = "Batch.running";
    public static final String NEWEST = "Batch.newest";

    /** What a batch's id may be: the producer's own, 1 to 128 of these characters. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Id
    private String id;
    private String submittedBy;
    private String replyTo;
    @Enumerated(EnumType.STRING)
    private BatchState state;
    private int total;
    private Instant createdAt;
    private Instant finishedAt;

    protected Batch() {
    }

    public Batch(String id, String submittedBy, String replyTo, int total) {
        this.id = Objects.requireNonNull(id);
        this.submittedBy = Objects.requireNonNull(submittedBy);
        this.replyTo = replyTo;
        this.total = total;
        this.state = BatchState.RUNNING;
        this.createdAt = Instant.now();
    }

    /** Every item ended. */
    public void finish() {
        this.state = BatchState.DONE;
        this.finishedAt = Instant.now();
    }

    /** The reply queue is gone (a temporary queue whose producer left): replies from now on are not sent. */
    public void replyQueueGone() {
        this.replyTo = null;
    }

    public String getId() {
        return id;
    }

    public String getSubmittedBy() {
        return submittedBy;
    }

    public String getReplyTo() {
        return replyTo;
    }

    public BatchState getState() {
        return state;
    }

    public int getTotal() {
        return total;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }
}
