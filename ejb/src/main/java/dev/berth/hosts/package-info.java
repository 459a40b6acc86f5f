/**
 * The Docker hosts units run on. An agent registers its host with its first heartbeat; a host whose heartbeats stop
 * is marked OFFLINE, and no unit is started there until it answers again.
 * <p>
 * Layer 4 of 10 (see docs/architecture.md): uses users, audit and platform. Heartbeats reach it from the agents
 * component; that a host with units is not removed, units say through the {@code HostRemoval} event.
 */
package dev.berth.hosts;
