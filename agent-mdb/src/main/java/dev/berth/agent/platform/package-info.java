/** The agent's configuration, its connection to the broker (its host's own account) and TLS trust for the manager. */
package dev.berth.agent.platform;
