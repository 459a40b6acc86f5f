/**
 * System tests: Berth as a black box. {@link dev.berth.system.RunningBerth} starts it once per test JVM, as a user
 * does ({@code ./berth run}, own data directory and ports); tests speak REST and JMS to it and check the containers
 * through the Docker API. Every test makes its own users and ports, so tests run alone and in any order.
 */
package dev.berth.system;
