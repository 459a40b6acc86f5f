package dev.berth.platform.control;

/**
 * Whether a password is the current one of a host's agent account. The embedded broker asks at every login; the
 * hosts component, which keeps the accounts, answers. An interface on purpose: the broker stands on the ground floor
 * and knows no hosts.
 */
public interface AgentLogins {

    boolean matches(String host, String password);
}
