/**
 * On-demand benchmarks of the running product, kept out of the default build (profile {@code bench}) because they
 * take minutes, need a Docker engine and measure this machine rather than pass or fail.
 *
 * <p>The module exists to answer one question with a number: what does Berth add to starting a unit? A start goes
 * REST, manager transaction, JMS, agent, Docker; the bare minimum is Docker alone. {@link
 * dev.berth.bench.StartLatencyBench} boots Berth as a user does ({@code ./berth run}, own data directory and ports),
 * times {@code POST /api/units/{id}/start} until the unit answers HTTP, times the same image created and started
 * directly with docker-java (same limits, mounts and readiness check) in the same run, interleaved, and reports both
 * medians and their ratio, with Berth's memory for context. It depends on nothing of Berth but its launcher and its
 * REST API, so it measures what users get.
 */
package dev.berth.bench;
