/**
 * On-demand benchmarks of the running product, kept out of the default build (profile {@code bench}) because they
 * take minutes, need a Docker engine and measure this machine rather than pass or fail.
 *
 * <p>The module answers, each with a number against a baseline measured in the same run, what Berth costs: to start
 * one unit (against docker-java with the agent's own container settings), to start a crowd of them (against
 * docker-java and Docker Swarm), per control command, over many units in its database, in boot time and memory, and
 * per authenticated read. {@link dev.berth.bench.Suite} boots Berth once as a user does ({@code ./berth run}, own
 * data directory and ports), runs the selected sections and writes a markdown report with SVG plots. Berth itself it
 * drives through its launcher and its REST API, so it measures what users get; only the many-units section writes
 * its rows straight into the database, as the API would take far longer.
 */
package dev.berth.bench;
