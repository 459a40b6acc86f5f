package dev.berth.agent.commands.control;

import dev.berth.agent.platform.AgentJms;
import dev.berth.protocol.AgentResult;
import dev.berth.protocol.HostCleanup;
import dev.berth.protocol.MessageType;
import dev.berth.protocol.Messages;
import dev.berth.protocol.UnitLogs;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.jms.Destination;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.TextMessage;
import java.util.Map;

/** Sends results to the manager; inside the consumer's transaction, so a result goes out only with its consumption. */
@Dependent
public class ResultPublisher {

    @Inject
    @JMSConnectionFactory(AgentJms.CONNECTION_FACTORY)
    JMSContext jms;

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

    /** The context for keeping unreadable commands in the DLQ, in the same transaction. */
    public JMSContext context() {
        return jms;
    }
}
