package dev.berth.web.units;

/**
 * The answer to a lifecycle request: the command is on its way; poll {@code GET /api/commands/{command}}.
 *
 * @param command the command id
 */
public record CommandAccepted(String command) {
}
