/**
 * Units: one container running one compute node on a fixed {@code ip:port} of a host, owned by one user. The desired
 * state lives here, in the database; agents report the observed state back through results.
 */
package dev.berth.units;
