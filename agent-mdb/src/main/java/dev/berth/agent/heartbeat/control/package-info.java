/** The heartbeat itself: what the engine says, and sending it, for the plain timer and for the rounds of samples. */
package dev.berth.agent.heartbeat.control;
