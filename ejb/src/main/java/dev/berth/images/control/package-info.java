/**
 * The uploaded tars on disk, sending one LOAD_IMAGE command per host, the agents' keys their download proofs are
 * checked with, and taking in the agents' answers (routed here by the agents component).
 */
package dev.berth.images.control;
