/** The timer that samples this host's running units and sends each round's samples. */
package dev.berth.agent.stats.boundary;
