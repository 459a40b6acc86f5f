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

    private DeadLetters() {
    }

    public static void keep(JMSContext jms, Message original, String origin, String reason) {
        try {
            TextMessage copy = jms.createTextMessage(bodyOf(original));
            for (Object name : Collections.list(original.getPropertyNames())) {
                String property = (String) name;
                if (!property.startsWith("JMSX") && !property.startsWith("_AMQ")) {
                    copy.setObjectProperty(property, original.getObjectProperty(property));
                }
            }
            copy.setStringProperty(REASON, reason);
            copy.setStringProperty(ORIGIN, origin);
            jms.createProducer().send(jms.createQueue(Messages.DEAD_LETTER_QUEUE), copy);
        } catch (JMSException e) {
            throw new JMSRuntimeException("cannot keep a rejected message in " + Messages.DEAD_LETTER_QUEUE + ": "
                    + e.getMessage(), e.getErrorCode(), e);
        }
    }

    /** The text of a message, or a description of what it was when it is no text message. */
    public static String bodyOf(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            return text.getText();
        }
        return "(a " + message.getClass().getSimpleName() + ", not a text message)";
    }
}
