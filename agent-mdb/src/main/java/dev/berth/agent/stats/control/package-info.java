/**
 * A round of samples ({@link dev.berth.agent.stats.control.UnitSampler}: the host's running unit containers, a few
 * stats requests at a time, within a deadline), and Docker's stats of one container made into one unit's sample
 * ({@link dev.berth.agent.stats.control.ContainerUsage}: CPU from the two readings Docker gives, as {@code docker
 * stats} computes it on cgroup v1 and v2; memory without the page cache; the limit).
 */
package dev.berth.agent.stats.control;
