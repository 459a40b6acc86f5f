/**
 * Followed container logs ({@code docker logs -f}): a LOGS command with {@code follow} is not answered once but
 * streamed, chunk by chunk, to the manager's reply queue for as long as someone reads. Followers run on their own
 * managed threads, so a long-lived stream never holds one of the command consumer's sessions, and there is a cap on
 * how many one agent serves.
 */
package dev.berth.agent.logs;
