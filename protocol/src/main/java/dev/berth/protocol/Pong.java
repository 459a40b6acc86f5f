package dev.berth.protocol;

/**
 * An agent's answer to a {@link Ping}, on the ping's reply-to queue, with the ping's JMS message id as its correlation
 * id (message type {@link MessageType#PONG}).
 *
 * @param host the answering agent's host, as it says; the manager trusts the broker account ({@link Messages#SENDER})
 */
public record Pong(String host) {
}
