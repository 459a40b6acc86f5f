/**
 * How a batch is read (the JSON of the provisioning contract) and how one item is applied, each in a transaction of
 * its own that also records its outcome and sends its reply ({@link dev.berth.batches.control.ItemSteps}).
 */
package dev.berth.batches.control;
