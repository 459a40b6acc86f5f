package dev.berth.platform.entity;

/**
 * A host's agent account got its first password (the host was enrolled): whoever holds the broker should forget the
 * logins it refused for that user a moment ago, which it would otherwise go on refusing for a while. Fired inside
 * the transaction; observed once it committed.
 *
 * @param user the broker user that may log in now
 */
public record AgentAccountIssued(String user) {
}
