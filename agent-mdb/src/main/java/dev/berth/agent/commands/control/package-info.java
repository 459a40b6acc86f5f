/**
 * Sending answers to the manager: results and replies inside the consuming transaction, so that one goes out only
 * with its command's consumption ({@code ResultPublisher}); pongs outside it ({@code Pongs}), as nothing is lost
 * when one leaves early.
 */
package dev.berth.agent.commands.control;
