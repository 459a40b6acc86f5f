/** Sending results to the manager inside the consuming transaction. */
package dev.berth.agent.commands.control;
