/**
 * The agent: the only part of Berth that touches Docker. It keeps no state of its own; every container it makes
 * carries labels ({@code berth.unit}, {@code berth.user}, {@code berth.command}, {@code berth.config-hash}) so that
 * it can find, adopt or clean up its containers after any restart.
 */
package dev.berth.agent;
