/**
 * The followers of this host ({@link dev.berth.agent.logs.control.LogFollowers}), one streaming follower per
 * followed LOGS command ({@link dev.berth.agent.logs.control.LogFollower}), and the batching of Docker's frames into
 * chunks of bounded size and delay ({@link dev.berth.agent.logs.control.LogBatcher}).
 */
package dev.berth.agent.logs.control;
