/**
 * docker-java work on this host: idempotent create/start/stop/remove found by label, the free-port check, the
 * application-level readiness check and the container labels.
 */
package dev.berth.agent.containers.control;
