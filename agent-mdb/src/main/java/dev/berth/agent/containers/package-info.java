/**
 * Containers through docker-java: create, start, stop, remove, find by label, check the port is free before a start,
 * and wait until the unit's process answers. Every operation is idempotent: a 304 on start/stop is success, a 409 on
 * create adopts the container when its labels say it is this unit's.
 */
package dev.berth.agent.containers;
