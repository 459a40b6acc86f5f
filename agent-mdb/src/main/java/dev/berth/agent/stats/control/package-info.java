/**
 * Docker's stats of one container made into one unit's sample: CPU from the two readings Docker gives (as
 * {@code docker stats} computes it, on cgroup v1 and v2), memory without the page cache, the limit.
 */
package dev.berth.agent.stats.control;
