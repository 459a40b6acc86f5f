package dev.berth.agent.commands.control;

import dev.berth.agent.platform.AgentConfiguration;
import dev.berth.agent.platform.AgentJms;
import dev.berth.protocol.MessageType;
import dev.berth.protocol.Messages;
import dev.berth.protocol.Pong;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import java.util.Map;

/**
 * Answers pings outside the consuming transaction, unlike every other answer ({@link ResultPublisher}). A pong is not
 * persistent and worth nothing once late, so nothing is lost when it leaves before the ping's consumption commits
 * (a ping delivered again is answered again, and the asker drops an answer it no longer waits for). Enlisted, its
 * send made every ping a two-phase commit of two broker sessions; outside, the consumer's transaction has one
 * resource and commits in one phase.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Pongs {

    /** How long an answer to a ping without a time to live is kept for its asker. */
    private static final long TIME_TO_LIVE = 30_000;

    @Resource(lookup = AgentJms.CONNECTION_FACTORY)
    ConnectionFactory factory;

    @Inject
    AgentConfiguration config;

    /**
     * Answers {@code ping} on {@code replyTo}, correlated by the ping's message id, living as long as the ping had
     * left to live.
     */
    public void answer(Destination replyTo, Message ping) {
        try (JMSContext jms = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            long expires = ping.getJMSExpiration();
            long timeToLive = expires == 0 ? TIME_TO_LIVE : Math.max(1, expires - System.currentTimeMillis());
            jms.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT).setTimeToLive(timeToLive)
                    .setJMSCorrelationID(ping.getJMSMessageID())
                    .send(replyTo, Messages.text(jms, MessageType.PONG, new Pong(config.host()), Map.of()));
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }
}
