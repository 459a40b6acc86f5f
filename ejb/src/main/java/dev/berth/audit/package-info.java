/**
 * The audit trail: who did what to which unit or user, and how it ended. A record is written in the same transaction
 * as the change it describes, so the trail never claims what did not happen and never misses what did.
 * <p>
 * Layer 2 of 10 (see docs/architecture.md): uses platform; every component above writes to it.
 */
package dev.berth.audit;
