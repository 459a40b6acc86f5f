/**
 * The Docker hosts units run on. An agent registers its host with its first heartbeat; a host whose heartbeats stop
 * is marked OFFLINE, and no unit is started there until it answers again.
 */
package dev.berth.hosts;
