/** Use cases on units: define, start, stop, delete, read; each one transaction with its command and audit. */
package dev.berth.units.boundary;
