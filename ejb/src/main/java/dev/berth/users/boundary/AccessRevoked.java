package dev.berth.users.boundary;

/**
 * Fired (synchronously, inside the transaction that decided it) when whatever a user is logged in with must end:
 * an admin disabled or deleted them, or the directory no longer lets them in. Each holder of a login observes it and
 * ends its own: the browser sessions, the API tokens, the client sessions (whose units it stops as it would at a
 * logout).
 *
 * @param user   the user's name
 * @param reason why, as the audit trail and the ended session show it (e.g. "disabled by admin")
 */
public record AccessRevoked(String user, String reason) {
}
