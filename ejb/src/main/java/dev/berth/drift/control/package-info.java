/**
 * Judging a host's survey against its units ({@code Findings}), asking an agent on a temporary reply queue
 * ({@code AgentRequests}), and the audit records of repairs, each in a transaction of its own.
 */
package dev.berth.drift.control;
