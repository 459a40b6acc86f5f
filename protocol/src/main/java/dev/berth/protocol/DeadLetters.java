package dev.berth.protocol;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.Collections;

/**
 * Keeps a message that cannot be understood: a copy goes to {@link Messages#DEAD_LETTER_QUEUE} with the reason, in
 * the consumer's transaction, and the original is acknowledged. Nothing is lost, and nothing loops.
 */
public final class DeadLetters {

    /** JMS property on the copy: why it was rejected. */
    public static final String REASON = "berthRejectReason";
    /** JMS property on the copy: which queue it came from. */
    public static final String ORIGIN = "berthOrigin";
    /**
     * JMS property on the copy: the broker account that sent the original (its {@link Messages#SENDER}), which the
     * copy, sent by the consumer's own account, no longer carries; trusted only on a copy the manager's account made.
     */
    public static final String SENDER = "berthSender";
    /**
     * JMS property on a dead letter an admin replayed to {@link Messages#RESULTS_QUEUE}: the broker account that
     * sent the original. The manager takes it for the sender only when the replay itself came from the manager's
     * account (the broker stamps that on it); from anyone else it counts for nothing.
     */
    public static final String REPLAYED_FOR = "berthReplayedFor";
    /** Artemis's property on a message it moved here after its maximum delivery attempts: the queue it left. */
    public static final String BROKER_ORIGIN = "_AMQ_ORIG_QUEUE";

    private DeadLetters() {
    }

    /** {@link #keep(JMSContext, Message, String, String, String)} with the sender the broker stamped on it. */
    public static void keep(JMSContext jms, Message original, String origin, String reason) {
        try {
            keep(jms, original, origin, reason, original.getStringProperty(Messages.SENDER));
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }

    /**
     * Sends a copy of {@code original} to the DLQ with the reason, the queue it came from and the account that sent
     * it ({@code sender}; null when unknown).
     */
    public static void keep(JMSContext jms, Message original, String origin, String reason, String sender) {
        try {
            TextMessage copy = jms.createTextMessage(bodyOf(original));
            for (Object name : Collections.list(original.getPropertyNames())) {
                String property = (String) name;
                if (!property.startsWith("JMSX") && !property.startsWith("_AMQ") && !isOwn(property)) {
                    copy.setObjectProperty(property, original.getObjectProperty(property));
                }
            }
            copy.setStringProperty(REASON, reason);
            copy.setStringProperty(ORIGIN, origin);
            if (sender != null) {
                copy.setStringProperty(SENDER, sender);
            }
            jms.createProducer().send(jms.createQueue(Messages.DEAD_LETTER_QUEUE), copy);
        } catch (JMSException e) {
            throw new JMSRuntimeException("cannot keep a rejected message in " + Messages.DEAD_LETTER_QUEUE + ": "
                    + e.getMessage(), e.getErrorCode(), e);
        }
    }

    /** Whether the property is one this class sets: a sender's own value of it is never copied. */
    public static boolean isOwn(String property) {
        return property.equals(REASON) || property.equals(ORIGIN) || property.equals(SENDER)
                || property.equals(REPLAYED_FOR);
    }

    /** The text of a message, or a description of what it was when it is no text message. */
    public static String bodyOf(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            return text.getText();
        }
        return "(a " + message.getClass().getSimpleName() + ", not a text message)";
    }
}
