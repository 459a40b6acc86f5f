package dev.berth.platform.entity;

/**
 * A host's agent account lost its password (the host was re-keyed or removed): whoever holds the broker should end
 * the sessions still logged in with it. Fired inside the transaction; observed once it committed.
 *
 * @param user the broker user whose sessions must end
 */
public record AgentAccountRevoked(String user) {
}
