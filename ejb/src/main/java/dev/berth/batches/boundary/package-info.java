/**
 * A batch's use cases ({@link dev.berth.batches.boundary.Batches}: submit, view, list), the consumer of
 * {@code berth.provisioning} ({@link dev.berth.batches.boundary.ProvisioningConsumer}) and the timer that drives
 * batches to their end, also after a restart ({@link dev.berth.batches.boundary.BatchRunner}).
 */
package dev.berth.batches.boundary;
