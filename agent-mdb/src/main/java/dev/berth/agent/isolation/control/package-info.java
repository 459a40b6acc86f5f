/**
 * The isolation work of one start: {@link dev.berth.agent.isolation.control.UnitNetworks} (a bridge network per user),
 * {@link dev.berth.agent.isolation.control.HostFirewall} (iptables: who may reach a unit's port, and that units reach
 * neither the host nor other users' units), {@link dev.berth.agent.isolation.control.UnitFiles} (homes and the
 * read-only configuration directory, no links followed), {@link dev.berth.agent.isolation.control.HomeDisks} (a
 * file system of its own per home, which holds the home's size limit).
 */
package dev.berth.agent.isolation.control;
