/**
 * Commands to agents, as the manager keeps them: the {@code Command} row (its kind, host, unit or upload, owner and
 * outcome), its states, the publisher that sends it to its host's queue inside the caller's (XA) transaction, and
 * reading one. A command carries an id, so an answer delivered twice has one effect; its message expires with the
 * command timeout.
 * <p>
 * Layer 5 of 10 (see docs/architecture.md): uses platform only. It knows nothing of units, images or agents' answers;
 * the units and images components write commands, the agents component takes in their answers.
 */
package dev.berth.commands;
