/** The timer that sends this host's heartbeat. */
package dev.berth.agent.heartbeat.boundary;
