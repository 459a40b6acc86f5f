/**
 * A batch and its items as kept: the producer's id, who sent it, where replies go, and each item's outcome.
 */
package dev.berth.batches.entity;
