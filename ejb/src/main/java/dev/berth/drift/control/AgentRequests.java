package dev.berth.drift.control;

import dev.berth.commands.control.CommandPublisher;
import dev.berth.platform.control.ManagerConfig;
import dev.berth.platform.entity.BerthException;
import dev.berth.protocol.AgentCommand;
import dev.berth.protocol.DeadLetters;
import dev.berth.protocol.MessageType;
import dev.berth.protocol.Messages;
import dev.berth.protocol.UnitLogs;
import dev.berth.units.control.LogStream;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Asks a host's agent and waits for its answer on a temporary queue, as a unit's logs are read: outside any
 * transaction (a send inside one would leave only at commit, after the wait). An answer from another broker account
 * than the host's agent is dropped and audited; the agent's refusal (a command it cannot read) is answered 409.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AgentRequests {

    private static final Logger LOG = Logger.getLogger(AgentRequests.class.getName());

    @Inject
    ManagerConfig config;

    @EJB
    DriftAudit audit;

    @Inject
    @JMSConnectionFactory(CommandPublisher.CONNECTION_FACTORY)
    JMSContext jms;

    /**
     * @throws BerthException 503 when the agent does not answer within {@code berth.drift.timeout-seconds}, 409 when
     *                        it refused the request
     */
    public <T> T ask(String host, AgentCommand request, Class<T> answerType) {
        TemporaryQueue replies = jms.createTemporaryQueue();
        try (JMSConsumer answers = jms.createConsumer(replies)) {
            TextMessage message = Messages.text(jms, MessageType.COMMAND, request,
                    Map.of(Messages.COMMAND_ID, request.commandId(), Messages.UNIT_ID, 0L));
            message.setJMSReplyTo(replies);
            jms.createProducer().setTimeToLive(config.driftTimeout().toMillis())
                    .send(jms.createQueue(Messages.agentQueue(host)), message);
            Message answer = LogStream.fromAgent(answers, host, config.driftTimeout(),
                    sender -> audit.forged(host, request, sender));
            if (answer == null) {
                throw BerthException.unavailable("the agent of host " + host + " did not answer within "
                        + config.driftTimeout().toSeconds() + " s; try again, or check that it runs");
            }
            String body = DeadLetters.bodyOf(answer);
            if (!MessageType.DRIFT.name().equals(answer.getStringProperty(Messages.TYPE))) {
                // an agent that could not read the request answers as it answers a log request it cannot read
                UnitLogs refusal = Messages.fromJson(body, UnitLogs.class);
                throw BerthException.conflict("the agent of host " + host + " refused the " + request.kind()
                        + " request: " + refusal.error());
            }
            return Messages.fromJson(body, answerType);
        } catch (JMSException e) {
            throw new JMSRuntimeException("cannot ask host " + host + ": " + e.getMessage(), e.getErrorCode(), e);
        } finally {
            try {
                replies.delete();
            } catch (JMSException e) {
                LOG.fine(() -> "temporary reply queue not deleted: " + e.getMessage());
            }
        }
    }
}
