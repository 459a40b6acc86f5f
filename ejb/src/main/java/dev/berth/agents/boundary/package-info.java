/**
 * The result consumer, the answers it routes by command kind (and the events it fires), the housekeeping timer, and
 * the dead-letter queue as admins work it (with its health check).
 */
package dev.berth.agents.boundary;
