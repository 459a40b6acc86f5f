package dev.berth.agent.commands.boundary;

import dev.berth.agent.commands.control.Pongs;
import dev.berth.agent.commands.control.ResultPublisher;
import dev.berth.agent.containers.control.Containers;
import dev.berth.agent.containers.control.EngineCleanup;
import dev.berth.agent.containers.control.HostDrift;
import dev.berth.agent.images.control.ImageLoader;
import dev.berth.agent.logs.control.LogFollowers;
import dev.berth.agent.platform.AgentConfiguration;
import dev.berth.protocol.AgentCommand;
import dev.berth.protocol.AgentResult;
import dev.berth.protocol.AllowClients;
import dev.berth.protocol.CleanHost;
import dev.berth.protocol.DeadLetters;
import dev.berth.protocol.DeleteUnit;
import dev.berth.protocol.KeepFollowing;
import dev.berth.protocol.LoadImage;
import dev.berth.protocol.MalformedMessageException;
import dev.berth.protocol.Messages;
import dev.berth.protocol.Ping;
import dev.berth.protocol.ProtocolVersionException;
import dev.berth.protocol.ReadLogs;
import dev.berth.protocol.RepairDrift;
import dev.berth.protocol.StartUnit;
import dev.berth.protocol.StopFollowing;
import dev.berth.protocol.StopUnit;
import dev.berth.protocol.Survey;
import dev.berth.protocol.UnitLogs;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.Optional;

/**
 * Consumes this host's commands. Thin: read (any protocol version from {@link Messages#OLDEST_COMMAND_VERSION} to
 * {@link Messages#VERSION}; others are kept in the DLQ and answered FAILED with the reason), let {@link Containers}
 * act, answer. Consumption and the answer commit together; the Docker work in between is idempotent, so a redelivered command has one effect. A followed LOGS
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
        // a lost broker: the client reconnects for ever, every 0.5 s at first, then every 5 s at most, and makes its
        // sessions anew on a broker that forgot them (a restarted one, or one that timed out a frozen agent). The
        // activation's own tear-down and set-up after a few reconnects left an agent-only process consuming nothing
        // once in two fault runs (kill -9 of Berth after the agent had been frozen for 70 s); the price is a slower
        // shutdown of the embedded Berth, whose broker stops before this consumer
        @ActivationConfigProperty(propertyName = "reconnectAttempts", propertyValue = "-1"),
        @ActivationConfigProperty(propertyName = "retryInterval", propertyValue = "500"),
        @ActivationConfigProperty(propertyName = "retryIntervalMultiplier", propertyValue = "2.0"),
        @ActivationConfigProperty(propertyName = "maxRetryInterval", propertyValue = "5000"),
        @ActivationConfigProperty(propertyName = "setupAttempts", propertyValue = "-1"),
        @ActivationConfigProperty(propertyName = "setupInterval", propertyValue = "2000"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "8")
})
public class AgentCommandConsumer implements MessageListener {

    @Inject
    Containers containers;

    @Inject
    HostDrift drift;

    @Inject
    ImageLoader images;

    @Inject
    EngineCleanup cleanup;

    @Inject
    ResultPublisher results;

    @EJB
    Pongs pongs;

    @Inject
    LogFollowers followers;

    @Inject
    AgentConfiguration config;

    @Override
    public void onMessage(Message message) {
        AgentCommand command;
        try {
            command = Messages.readCommand(Messages.versionOf(message), DeadLetters.bodyOf(message));
        } catch (ProtocolVersionException e) {
            reject(message, e.newer() ? e.getMessage() + ": upgrade the agent on host " + config.host()
                    : e.getMessage());
            return;
        } catch (MalformedMessageException e) {
            reject(message, "the agent of host " + config.host() + " could not read the command: " + e.getMessage());
            return;
        } catch (JMSException e) {
            throw new JMSRuntimeException("cannot read a command: " + e.getMessage(), e.getErrorCode(), e);
        }
        command.handledBy(new Acting(message));
    }

    /** What each kind of command makes this agent do; one method per kind, so none is left unhandled. */
    private final class Acting implements AgentCommand.Handler<Void> {

        private final Message message;

        Acting(Message message) {
            this.message = message;
        }

        @Override
        public Void start(StartUnit command) {
            results.send(containers.start(command));
            return null;
        }

        @Override
        public Void stop(StopUnit command) {
            results.send(containers.stop(command));
            return null;
        }

        @Override
        public Void delete(DeleteUnit command) {
            results.send(containers.delete(command));
            return null;
        }

        @Override
        public Void logs(ReadLogs command) {
            answerLogs(message, command);
            return null;
        }

        @Override
        public Void loadImage(LoadImage command) {
            results.send(images.load(command));
            return null;
        }

        @Override
        public Void keepFollowing(KeepFollowing command) {
            followers.stillReading(command.commandId());
            return null;
        }

        @Override
        public Void stopFollowing(StopFollowing command) {
            followers.stop(command.commandId());
            return null;
        }

        @Override
        public Void allowClients(AllowClients command) {
            results.send(containers.allowClients(command));
            return null;
        }

        @Override
        public Void cleanHost(CleanHost command) {
            answerCleanup(message, command);
            return null;
        }

        @Override
        public Void survey(Survey command) {
            replyTo(message).ifPresent(replyTo -> results.reply(replyTo, drift.survey(command)));
            return null;
        }

        @Override
        public Void repairDrift(RepairDrift command) {
            replyTo(message).ifPresent(replyTo -> results.reply(replyTo, drift.repair(command)));
            return null;
        }

        @Override
        public Void ping(Ping command) {
            replyTo(message).ifPresent(replyTo -> pongs.answer(replyTo, message));
            return null;
        }
    }

    /** Where a request is answered; empty (and the message kept in the DLQ) when it names no queue. */
    private Optional<Destination> replyTo(Message message) {
        try {
            Destination replyTo = message.getJMSReplyTo();
            if (replyTo == null) {
                reject(message, "a request without a reply-to queue cannot be answered");
            }
            return Optional.ofNullable(replyTo);
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }

    private void answerLogs(Message message, ReadLogs command) {
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

    /** A clean-up is answered on its reply-to queue, as a read of logs is: the admin who asked waits for it. */
    private void answerCleanup(Message message, CleanHost command) {
        try {
            Destination replyTo = message.getJMSReplyTo();
            if (replyTo == null) {
                reject(message, "a CLEANUP command without a reply-to queue cannot be answered");
                return;
            }
            results.reply(replyTo, cleanup.clean(command));
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }

    /**
     * Keeps the message in the DLQ and tells whoever waits why it was not carried out: the asker of a LOGS command
     * on its reply-to queue, else the manager with a FAILED result, when the command's id is readable.
     */
    private void reject(Message message, String reason) {
        String queue = Messages.agentQueue(config.host());
        DeadLetters.keep(results.context(), message, queue, reason);
        String answer = reason + " (kept in " + Messages.DEAD_LETTER_QUEUE + ")";
        try {
            long unitId = message.propertyExists(Messages.UNIT_ID) ? message.getLongProperty(Messages.UNIT_ID) : 0;
            Destination replyTo = message.getJMSReplyTo();
            String commandId = message.getStringProperty(Messages.COMMAND_ID);
            if (replyTo != null) {
                results.reply(replyTo, UnitLogs.failed(unitId, 0, answer));
            } else if (commandId != null) {
                results.send(AgentResult.failed(commandId, unitId, config.host(), null, answer));
            }
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }
}
