/** Reading the engine's view of Berth's containers into reports. */
package dev.berth.agent.observation.control;
