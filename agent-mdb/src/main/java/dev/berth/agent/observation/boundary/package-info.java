/** The engine's event stream and the inventory timer, and the sending of what they show. */
package dev.berth.agent.observation.boundary;
