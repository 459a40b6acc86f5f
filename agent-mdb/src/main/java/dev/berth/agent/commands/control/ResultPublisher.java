package dev.berth.agent.commands.control;

import dev.berth.agent.platform.AgentJms;
import dev.berth.protocol.AgentResult;
import dev.berth.protocol.MessageType;
import dev.berth.protocol.Messages;
import dev.berth.protocol.UnitLogs;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.jms.Destination;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.TextMessage;

/** Sends results to the manager; inside the consumer's transaction, so a result goes out only with its consumption. */
@Dependent
public class ResultPublisher {

    @Inject
    @JMSConnectionFactory(AgentJms.CONNECTION_FACTORY)
    JMSContext jms;

    public void send(AgentResult result) {
        TextMessage message = jms.createTextMessage(Messages.toJson(result));
        try {
            message.setStringProperty(Messages.TYPE, MessageType.RESULT.name());
            message.setIntProperty(Messages.PROTOCOL_VERSION, Messages.VERSION);
            message.setStringProperty(Messages.COMMAND_ID, result.commandId());
            message.setLongProperty(Messages.UNIT_ID, result.unitId());
            message.setStringProperty(Messages.HOST, result.host());
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
        jms.createProducer().send(jms.createQueue(Messages.RESULTS_QUEUE), message);
    }

    /** Answers a LOGS command on its reply-to queue. */
    public void reply(Destination replyTo, UnitLogs logs) {
        TextMessage message = jms.createTextMessage(Messages.toJson(logs));
        try {
            message.setStringProperty(Messages.TYPE, MessageType.LOGS.name());
            message.setIntProperty(Messages.PROTOCOL_VERSION, Messages.VERSION);
            message.setLongProperty(Messages.UNIT_ID, logs.unitId());
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
        jms.createProducer().send(replyTo, message);
    }

    /** The context for keeping unreadable commands in the DLQ, in the same transaction. */
    public JMSContext context() {
        return jms;
    }
}
