/**
 * The wire contract between the manager and its agents.
 * <p>
 * Every message is a JMS {@code TextMessage} holding one of these records as JSON, with the JMS properties named in
 * {@link dev.berth.protocol.Messages} ({@code type}, {@code version}, {@code commandId}, ...) so that a message can be
 * routed, audited and answered even when its body cannot be parsed. Both sides compile against this one module, so
 * the contract cannot drift between them.
 */
package dev.berth.protocol;
