package dev.berth.agent.commands.control;

import dev.berth.agent.platform.AgentConfiguration;
import dev.berth.agent.platform.AgentJms;
import dev.berth.protocol.AgentResult;
import dev.berth.protocol.HostCleanup;
import dev.berth.protocol.MessageType;
import dev.berth.protocol.Messages;
import dev.berth.protocol.Pong;
import dev.berth.protocol.UnitLogs;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.Map;

/** Sends results to the manager; inside the consumer's transaction, so a result goes out only with its consumption. */
@Dependent
public class ResultPublisher {

    /** How long an answer to a ping without a time to live is kept for its asker. */
    private static final long PONG_TIME_TO_LIVE = 30_000;

    @Inject
    @JMSConnectionFactory(AgentJms.CONNECTION_FACTORY)
    JMSContext jms;

    @Inject
    AgentConfiguration config;

    public void send(AgentResult result) {
        TextMessage message = Messages.text(jms, MessageType.RESULT, result, Map.of(
                Messages.COMMAND_ID, result.commandId(),
                Messages.UNIT_ID, result.unitId(),
                Messages.HOST, result.host()));
        jms.createProducer().send(jms.createQueue(Messages.RESULTS_QUEUE), message);
    }

    /** Answers a LOGS command on its reply-to queue. */
    public void reply(Destination replyTo, UnitLogs logs) {
        jms.createProducer().send(replyTo,
                Messages.text(jms, MessageType.LOGS, logs, Map.of(Messages.UNIT_ID, logs.unitId())));
    }

    /** Answers a CLEANUP command on its reply-to queue. */
    public void reply(Destination replyTo, HostCleanup cleanup) {
        jms.createProducer().send(replyTo,
                Messages.text(jms, MessageType.CLEANUP, cleanup, Map.of(Messages.HOST, cleanup.host())));
    }

    /** Answers a SURVEY or REPAIR_DRIFT command on its reply-to queue. */
    public void reply(Destination replyTo, Object drift) {
        jms.createProducer().send(replyTo, Messages.text(jms, MessageType.DRIFT, drift, Map.of()));
    }

    /**
     * Answers a PING on its reply-to queue, correlated by the ping's message id; as short-lived as the ping (not
     * persistent, the ping's remaining time to live), since nobody waits for a late answer.
     */
    public void pong(Destination replyTo, Message ping) {
        try {
            long expires = ping.getJMSExpiration();
            long timeToLive = expires == 0 ? PONG_TIME_TO_LIVE : Math.max(1, expires - System.currentTimeMillis());
            jms.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT).setTimeToLive(timeToLive)
                    .setJMSCorrelationID(ping.getJMSMessageID())
                    .send(replyTo, Messages.text(jms, MessageType.PONG, new Pong(config.host()), Map.of()));
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }

    /** The context for keeping unreadable commands in the DLQ, in the same transaction. */
    public JMSContext context() {
        return jms;
    }
}
