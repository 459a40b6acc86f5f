/**
 * On-demand benchmarks of the running product, kept out of the default build (profile {@code bench}) because they
 * take minutes, need a Docker engine and measure this machine rather than pass or fail.
 *
 * <p>The module exists to answer one question with a number: what does Berth add to starting a unit? A start goes
 * REST, manager transaction, JMS, agent, Docker; the bare minimum is Docker alone. {@link
 * dev.berth.bench.StartLatencyBench} boots Berth as a user does ({@code ./berth run}, own data directory and ports),
 * times {@code POST /api/units/{id}/start} until the unit answers (an HTTP status line for the tiny probe image, the
 * node's task count in esProc's protocol for the esProc unit), times the same image created and started directly
 * with docker-java (the agent's own container settings, config files and readiness check) in the same run,
 * interleaved, and reports both medians and their ratio per image, with Berth's memory for context. Berth itself it
 * drives only through its launcher and its REST API, so it measures what users get.
 */
package dev.berth.bench;
