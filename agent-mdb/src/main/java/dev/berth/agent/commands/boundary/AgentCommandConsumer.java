package dev.berth.agent.commands.boundary;

import dev.berth.agent.commands.control.ResultPublisher;
import dev.berth.agent.containers.control.Containers;
import dev.berth.agent.images.control.ImageLoader;
import dev.berth.agent.logs.control.LogFollowers;
import dev.berth.agent.platform.AgentConfiguration;
import dev.berth.protocol.AgentCommand;
import dev.berth.protocol.AgentResult;
import dev.berth.protocol.DeadLetters;
import dev.berth.protocol.MalformedMessageException;
import dev.berth.protocol.Messages;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Consumes this host's commands. Thin: parse, let {@link Containers} act, answer. Consumption and the answer commit
 * together; the Docker work in between is idempotent, so a redelivered command has one effect. A followed LOGS
 * command is handed to {@link LogFollowers}, which streams on its own threads, so no session waits on a stream.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "artemis-rar"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        // the queue by its name: Berth binds no JMS destinations in JNDI (a lookup first fails with a warning)
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = "${MPCONFIG=berth.agent.queue}"),
        @ActivationConfigProperty(propertyName = "connectorClassName",
                propertyValue = "org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory"),
        @ActivationConfigProperty(propertyName = "connectionParameters",
                propertyValue = "${MPCONFIG=berth.broker.connection}"),
        @ActivationConfigProperty(propertyName = "user", propertyValue = "${MPCONFIG=berth.broker.agent-user}"),
        @ActivationConfigProperty(propertyName = "password", propertyValue = "${MPCONFIG=berth.broker.agent-password}"),
        // a lost broker: a few quick reconnects, then the activation's own set-up retry (every 2 s, for ever)
        // takes over; endless reconnects held Payara's shutdown for 30 s once the embedded broker had stopped
        @ActivationConfigProperty(propertyName = "reconnectAttempts", propertyValue = "5"),
        @ActivationConfigProperty(propertyName = "retryInterval", propertyValue = "500"),
        @ActivationConfigProperty(propertyName = "setupAttempts", propertyValue = "-1"),
        @ActivationConfigProperty(propertyName = "setupInterval", propertyValue = "2000"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "8")
})
public class AgentCommandConsumer implements MessageListener {

    @Inject
    Containers containers;

    @Inject
    ImageLoader images;

    @Inject
    ResultPublisher results;

    @Inject
    LogFollowers followers;

    @Inject
    AgentConfiguration config;

    @Override
    public void onMessage(Message message) {
        AgentCommand command;
        try {
            command = Messages.fromJson(DeadLetters.bodyOf(message), AgentCommand.class).validated();
        } catch (MalformedMessageException e) {
            reject(message, e.getMessage());
            return;
        } catch (JMSException e) {
            throw new JMSRuntimeException("cannot read a command: " + e.getMessage(), e.getErrorCode(), e);
        }
        switch (command.type()) {
            case START -> results.send(containers.start(command));
            case STOP -> results.send(containers.stop(command));
            case DELETE -> results.send(containers.delete(command));
            case LOGS -> answerLogs(message, command);
            case LOAD_IMAGE -> results.send(images.load(command));
            case LOGS_FOLLOWING -> followers.stillReading(command.commandId());
            case LOGS_STOP -> followers.stop(command.commandId());
        }
    }

    private void answerLogs(Message message, AgentCommand command) {
        try {
            Destination replyTo = message.getJMSReplyTo();
            if (replyTo == null) {
                reject(message, "a LOGS command without a reply-to queue cannot be answered");
                return;
            }
            if (command.logs().follow()) {
                // streamed by a follower on its own thread; answered here only when it cannot start
                followers.follow(command, replyTo).ifPresent(refusal -> results.reply(replyTo, refusal));
            } else {
                results.reply(replyTo, containers.logs(command));
            }
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }

    /** Keeps the message in the DLQ and, when its id is readable, tells the manager why it failed. */
    private void reject(Message message, String reason) {
        String queue = Messages.agentQueue(config.host());
        DeadLetters.keep(results.context(), message, queue, reason);
        try {
            String commandId = message.getStringProperty(Messages.COMMAND_ID);
            if (commandId != null) {
                long unitId = message.propertyExists(Messages.UNIT_ID) ? message.getLongProperty(Messages.UNIT_ID) : 0;
                results.send(AgentResult.failed(commandId, unitId, config.host(), null,
                        "the agent of host " + config.host() + " could not read the command: " + reason
                                + " (kept in " + Messages.DEAD_LETTER_QUEUE + ")"));
            }
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }
}
