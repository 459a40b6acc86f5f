/** The agent's configuration and its connection to the broker. */
package dev.berth.agent.platform;
