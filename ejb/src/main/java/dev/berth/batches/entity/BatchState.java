package dev.berth.batches.entity;

/** Where a batch stands: some item still open, or every item ended (and the summary sent). */
public enum BatchState {
    RUNNING,
    DONE
}
