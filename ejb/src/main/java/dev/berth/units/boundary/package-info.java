/** Use cases on units: define, start, stop, delete, read, and take in an agent's result. */
package dev.berth.units.boundary;
