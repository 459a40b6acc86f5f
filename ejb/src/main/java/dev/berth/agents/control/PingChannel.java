package dev.berth.agents.control;

import dev.berth.protocol.DeadLetters;
import dev.berth.protocol.MessageType;
import dev.berth.protocol.Messages;
import dev.berth.protocol.Ping;
import dev.berth.protocol.UnitLogs;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Pings agents and matches their answers, many in flight at once: one JMS context without transaction (each ping
 * leaves at once), one temporary reply queue, one producer and one consumer for as long as it is open. Pings are not
 * persistent and live only as long as their asker waits. An answer is matched by its correlation id, the ping's JMS
 * message id, and counts only when the broker account that sent it is the pinged host's agent. Used by one thread.
 */
public final class PingChannel implements AutoCloseable {

    /** An answer: the host's round trip, or, when its agent could not read the ping, why. */
    public record Answer(String host, Duration roundTrip, String refusal) {
    }

    private record Sent(String host, long nanos) {
    }

    private final JMSContext jms;
    private final JMSConsumer answers;
    private final JMSProducer producer;
    private final BiConsumer<String, String> forged;
    private final Map<String, Sent> inFlight = new HashMap<>();
    private final Map<String, Queue> queues = new HashMap<>();
    private long sent;

    /**
     * @param timeToLive how long a ping waits in an agent's queue, at most
     * @param forged     told the host pinged (null when not known) and the broker account of each answer from anyone
     *                   but the pinged host's agent (dropped)
     */
    public PingChannel(ConnectionFactory factory, Duration timeToLive, BiConsumer<String, String> forged) {
        this.forged = forged;
        this.jms = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        try {
            TemporaryQueue replies = jms.createTemporaryQueue();
            this.answers = jms.createConsumer(replies);
            this.producer = jms.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                    .setTimeToLive(timeToLive.toMillis()).setJMSReplyTo(replies);
        } catch (RuntimeException e) {
            jms.close();
            throw e;
        }
    }

    /** Sends one ping to {@code host}'s agent. */
    public void send(String host) {
        String id = "ping-" + (++sent);
        TextMessage ping = Messages.text(jms, MessageType.COMMAND, new Ping(id),
                Map.of(Messages.COMMAND_ID, id, Messages.UNIT_ID, 0L));
        long at = System.nanoTime();
        producer.send(queues.computeIfAbsent(host, h -> jms.createQueue(Messages.agentQueue(h))), ping);
        try {
            inFlight.put(ping.getJMSMessageID(), new Sent(host, at));
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }

    /** Pings sent and not answered yet. */
    public int inFlight() {
        return inFlight.size();
    }

    /** The next answer within {@code wait}; empty when none came. */
    public Optional<Answer> next(Duration wait) {
        long end = System.nanoTime() + wait.toNanos();
        try {
            while (true) {
                long left = (end - System.nanoTime()) / 1_000_000;
                Message message = left > 0 ? answers.receive(left) : answers.receiveNoWait();
                if (message == null) {
                    return Optional.empty();
                }
                long at = System.nanoTime();
                String sender = message.getStringProperty(Messages.SENDER);
                if (!MessageType.PONG.name().equals(message.getStringProperty(Messages.TYPE))) {
                    // an agent that cannot read a ping answers as it answers a log request it cannot read
                    Optional<Answer> refusal = refusal(sender, message);
                    if (refusal.isPresent()) {
                        return refusal;
                    }
                    continue;
                }
                Sent ping = inFlight.get(message.getJMSCorrelationID());
                if (ping == null) {
                    continue;
                }
                if (!Messages.agentUser(ping.host()).equals(sender)) {
                    forged.accept(ping.host(), sender);
                    continue;
                }
                inFlight.remove(message.getJMSCorrelationID());
                return Optional.of(new Answer(ping.host(), Duration.ofNanos(at - ping.nanos()), null));
            }
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }

    /** A refusal from an agent that has pings in flight, which are then no longer waited for. */
    private Optional<Answer> refusal(String sender, Message message) throws JMSException {
        Optional<String> host = Messages.hostOfAgent(sender);
        if (host.isEmpty()) {
            forged.accept(null, sender);
            return Optional.empty();
        }
        if (inFlight.values().stream().noneMatch(p -> p.host().equals(host.get()))) {
            return Optional.empty();
        }
        inFlight.values().removeIf(p -> p.host().equals(host.get()));
        String why = Messages.fromJson(DeadLetters.bodyOf(message), UnitLogs.class).error();
        return Optional.of(new Answer(host.get(), null, why));
    }

    @Override
    public void close() {
        jms.close();
    }
}
