/**
 * Taking in the agents' answers to a unit's commands (routed here by the agents component, by command kind), reading
 * the options of a log request as the guide's {@code docker logs} takes them, following a unit's log stream
 * ({@code docker logs -f}) from the manager's side, and the interface through which a start asks for the unit's
 * configuration files.
 */
package dev.berth.units.control;
