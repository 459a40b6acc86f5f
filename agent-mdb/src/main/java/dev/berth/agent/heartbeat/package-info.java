/** The periodic heartbeat that registers the host and keeps it ONLINE at the manager. */
package dev.berth.agent.heartbeat;
