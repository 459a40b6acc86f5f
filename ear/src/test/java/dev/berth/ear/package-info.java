/**
 * The EAR on a full Payara Server, as an operator deploys it: a domain of its own with free ports, the Artemis adapter
 * first, then the manager's EAR and the agent's WAR, configured through the environment; a unit started through the
 * REST API on the real Docker engine. Payara Micro, which {@code ./berth} runs, deploys no EAR, so this is the only
 * place where the EAR meets a server.
 */
package dev.berth.ear;
