/**
 * Berth's own metrics, served by Payara in Prometheus format at {@code /metrics}: commands by type and outcome, the
 * time from a start request to RUNNING, units and hosts by state, followed log streams, and the embedded broker's
 * redeliveries and dead letters. It sits on top and only looks down: the components do not know it exists, it
 * observes their facts ({@code CommandFinished}) and counts their rows. No label carries a user or host name, so
 * the endpoint can stay anonymous (see docs/api-security.md).
 */
package dev.berth.metrics;
