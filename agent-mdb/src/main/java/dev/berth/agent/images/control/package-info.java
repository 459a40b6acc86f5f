/** Fetching an uploaded image tar from the manager and loading it into the engine, checked against its SHA-256. */
package dev.berth.agent.images.control;
