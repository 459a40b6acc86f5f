/**
 * What the agents component keeps and uses beside its boundaries: the JMS session that pings agents and matches their
 * answers ({@code PingChannel}), and each host's last measured round trip ({@code RoundTrips}), which nothing writes
 * to the database.
 */
package dev.berth.agents.control;
