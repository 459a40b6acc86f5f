package dev.berth.system;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** A JMS client of Berth's broker, as a batch producer or a misbehaving agent would be. */
public final class Broker implements AutoCloseable {

    private final ActiveMQConnectionFactory factory;
    private final JMSContext context;

    Broker(String url, String user, String password) {
        this.factory = new ActiveMQConnectionFactory(url, user, password);
        this.context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
    }

    public void send(String queue, String body, Map<String, Object> properties) {
        context.createProducer().send(context.createQueue(queue), message(body, properties));
    }

    /**
     * Sends with a temporary reply-to queue, as the manager asks for logs, and returns the first answer on it, waiting
     * up to {@code millis}; null if none came.
     */
    public Message request(String queue, String body, Map<String, Object> properties, long millis) {
        TemporaryQueue replies = context.createTemporaryQueue();
        TextMessage message = message(body, properties);
        try {
            message.setJMSReplyTo(replies);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
        try (var consumer = context.createConsumer(replies)) {
            context.createProducer().send(context.createQueue(queue), message);
            return consumer.receive(millis);
        }
    }

    private TextMessage message(String body, Map<String, Object> properties) {
        TextMessage message = context.createTextMessage(body);
        try {
            for (Map.Entry<String, Object> p : properties.entrySet()) {
                message.setObjectProperty(p.getKey(), p.getValue());
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
        return message;
    }

    /** The first message of the queue that matches the selector, waiting up to {@code millis}; null if none. */
    public Message receive(String queue, String selector, long millis) {
        try (var consumer = context.createConsumer(context.createQueue(queue), selector)) {
            return consumer.receive(millis);
        }
    }

    /** The JMS context itself, for a test that holds a conversation (a reply queue read many times). */
    JMSContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
        factory.close();
    }
}
