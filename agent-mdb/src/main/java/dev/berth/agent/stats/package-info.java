/**
 * What each running unit of this host uses: every {@code berth.agent.stats-seconds} the agent reads Docker's stats of
 * its running containers and sends them to the manager in one heartbeat, which keeps them for the console's charts.
 * Sampling runs on a timer of its own with a Docker client of its own and a few calls at a time, so a command never
 * waits behind it.
 */
package dev.berth.agent.stats;
