/**
 * What the agent sees of its host's containers, told to the manager as it happens: the engine's events (a container
 * died, started, was removed, changed health) and whole inventories (at start, after the engine comes back, and
 * periodically), so that the manager knows each unit's real state without asking and can reconcile it.
 */
package dev.berth.agent.observation;
