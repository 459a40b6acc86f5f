package dev.berth.batches.boundary;

import java.time.Instant;
import java.util.List;

/**
 * A batch's progress and, when asked for one batch, its items' results.
 *
 * @param pending items not ended yet (PENDING and WAITING)
 * @param items   in the batch's order; null in a list of batches
 */
public record BatchView(String batch, String submittedBy, Instant createdAt, Instant finishedAt, String state,
                        int total, long applied, long unchanged, long failed, long pending, List<Item> items) {

    /** One item's result; {@code detail} says what was done, or why it failed. */
    public record Item(String key, String op, String outcome, String detail, Instant finishedAt) {
    }
}
