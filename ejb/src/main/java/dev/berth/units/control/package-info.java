/**
 * Reading the options of a log request as the guide's {@code docker logs} takes them, and following a unit's log
 * stream ({@code docker logs -f}) from the manager's side.
 */
package dev.berth.units.control;
