/**
 * Units: one container running one compute node on a fixed {@code ip:port} of a host, owned by one user. The desired
 * state lives here, in the database; a start, stop or delete writes a command, and the agents' answers come back
 * through the agents component, which routes START, STOP and DELETE here.
 * <p>
 * Layer 7 of 10, beside images (see docs/architecture.md): uses agents, commands, hosts, users, audit and platform. A
 * start asks for the user's configuration files through {@code StartFiles}, which configs (above) implements.
 */
package dev.berth.units;
