/**
 * Commands to agents and their results. A command row is written, audited and sent to the host's queue in one
 * transaction; a result is consumed, applied to its unit and audited in one transaction. Commands carry an id, so a
 * result delivered twice has one effect; a command not answered in time is EXPIRED.
 */
package dev.berth.commands;
