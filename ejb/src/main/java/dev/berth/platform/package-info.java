/**
 * What every component stands on: the database and its schema, the embedded broker, configuration, the errors a
 * person sees, and the identity of whoever acts.
 */
package dev.berth.platform;
