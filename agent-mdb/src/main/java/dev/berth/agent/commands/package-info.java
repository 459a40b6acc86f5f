/**
 * Consuming commands from {@code berth.agent.<host>} and answering each with a result on {@code berth.results}.
 * A command that cannot be read is kept in the DLQ and, when its id is known, answered as failed with the reason.
 */
package dev.berth.agent.commands;
