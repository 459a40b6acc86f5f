package dev.berth.protocol;

/**
 * An agent's answer to a LOGS command, on the command's reply-to queue.
 *
 * @param unitId the unit
 * @param text   the log lines, stdout and stderr interleaved as Docker keeps them; empty when none
 * @param error  why the logs could not be read (no container, engine down); null when they could
 */
public record UnitLogs(long unitId, String text, String error) {
}
