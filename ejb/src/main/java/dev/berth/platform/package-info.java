/**
 * What every component stands on: the database and its schema, the embedded broker, configuration, the errors a
 * person sees, and the identity of whoever acts.
 * <p>
 * Layer 1 of 10, the ground floor (see docs/architecture.md): uses no other component. Where it needs an answer from
 * above (the broker checking an agent's login), it asks through an interface that component implements
 * ({@code AgentLogins}, by hosts).
 */
package dev.berth.platform;
