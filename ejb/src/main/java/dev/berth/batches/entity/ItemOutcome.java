package dev.berth.batches.entity;

/** Where an item stands; the last three are final. */
public enum ItemOutcome {
    /** Not applied yet. */
    PENDING,
    /** A start, stop or delete was sent; the item ends with the answer of the unit's agent. */
    WAITING,
    APPLIED,
    /** Berth was already as the item asks. */
    UNCHANGED,
    FAILED;

    public boolean isOpen() {
        return this == PENDING || this == WAITING;
    }
}
