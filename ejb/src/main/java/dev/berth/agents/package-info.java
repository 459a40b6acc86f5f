/**
 * The conversation with agents: taking in their results and heartbeats from {@code berth.results}, expiring commands
 * no agent answered, and marking silent hosts OFFLINE. One message is one transaction: consumption, state change and
 * audit record. A message counts only when the broker account that sent it is the agent of the host concerned (else
 * {@code agent.forged}, dropped); a message that cannot be read goes to the DLQ with its reason; a failure of the
 * manager itself rolls back and the broker redelivers, for half an hour. What reaches the DLQ an admin sees, replays
 * to the queue it came from, or discards ({@code DeadLetterQueue}).
 * <p>
 * Answers are routed by the command's kind, as CDI events ({@code CommandAnswered}, {@code CommandUnanswered},
 * qualified by {@code @CommandKind}) that the component which sent the command observes: units take in START, STOP
 * and DELETE, images LOAD_IMAGE. Heartbeats go to hosts.
 * <p>
 * Layer 6 of 10 (see docs/architecture.md): uses commands, hosts, audit and platform; units and images use it.
 */
package dev.berth.agents;
