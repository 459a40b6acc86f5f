/**
 * The result consumer, the answers it routes by command kind (and the events it fires), and the housekeeping timer.
 */
package dev.berth.agents.boundary;
