/** The metric registrations and what they read: an event observer for commands, counts of rows by state. */
package dev.berth.metrics.control;
