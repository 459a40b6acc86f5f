package dev.berth.agents.boundary;

import dev.berth.audit.control.AuditTrail;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.commands.control.CommandPublisher;
import dev.berth.hosts.boundary.Hosts;
import dev.berth.platform.entity.Actor;
import dev.berth.protocol.AgentResult;
import dev.berth.protocol.DeadLetters;
import dev.berth.protocol.Heartbeat;
import dev.berth.protocol.MalformedMessageException;
import dev.berth.protocol.MessageType;
import dev.berth.protocol.Messages;
import dev.berth.protocol.Observation;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Consumes agents' results, heartbeats and observations from {@code berth.results}: results go to {@link Answers},
 * which routes them by command kind, heartbeats to the hosts, the units' samples a heartbeat may carry to the
 * observers of {@link UnitsSampled}, and what an agent saw of its containers to the observers of {@link HostObserved}. Consumption, the state change and the audit
 * record are one transaction. A message counts only when the broker account that sent it (stamped by the broker) is
 * the agent of the host concerned: the host a result's command was sent to, the host a heartbeat names; any other is
 * audited as {@code agent.forged} and dropped (consumed, never redelivered). A message that cannot be understood is
 * kept in the DLQ with its reason and audited; a failure of the manager itself (database down) rolls back and the
 * broker delivers it again, ever more slowly, for half an hour (see {@code EmbeddedBroker}), before it moves it to the
 * DLQ, where an admin sees and replays it ({@link DeadLetterQueue}).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "artemis-rar"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        // the queue by its name: Berth binds no JMS destinations in JNDI (a lookup first fails with a warning)
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Messages.RESULTS_QUEUE),
        @ActivationConfigProperty(propertyName = "connectorClassName",
                propertyValue = "org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory"),
        @ActivationConfigProperty(propertyName = "connectionParameters",
                propertyValue = "${MPCONFIG=berth.broker.connection}"),
        @ActivationConfigProperty(propertyName = "user", propertyValue = "${MPCONFIG=berth.broker.manager-user}"),
        @ActivationConfigProperty(propertyName = "password",
                propertyValue = "${MPCONFIG=berth.broker.manager-password}"),
        // a lost broker: a few quick reconnects, then the activation's own set-up retry (every 2 s, for ever)
        // takes over; endless reconnects held Payara's shutdown for 30 s once the embedded broker had stopped
        @ActivationConfigProperty(propertyName = "reconnectAttempts", propertyValue = "5"),
        @ActivationConfigProperty(propertyName = "retryInterval", propertyValue = "500"),
        @ActivationConfigProperty(propertyName = "setupAttempts", propertyValue = "-1"),
        @ActivationConfigProperty(propertyName = "setupInterval", propertyValue = "2000"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")
})
public class ResultConsumer implements MessageListener {

    @EJB
    Answers answers;

    @EJB
    Hosts hosts;

    @Inject
    AuditTrail audit;

    @Inject
    Event<UnitsSampled> sampled;

    @Inject
    Event<HostObserved> observed;

    @Inject
    @JMSConnectionFactory(CommandPublisher.CONNECTION_FACTORY)
    JMSContext jms;

    @Inject
    @ConfigProperty(name = "berth.broker.manager-user")
    String managerUser;

    @Override
    public void onMessage(Message message) {
        try {
            String type = message.getStringProperty(Messages.TYPE);
            String sender = senderOf(message);
            String body = DeadLetters.bodyOf(message);
            if (MessageType.RESULT.name().equals(type)) {
                answers.take(Messages.fromJson(body, AgentResult.class), sender);
            } else if (MessageType.HEARTBEAT.name().equals(type)) {
                Heartbeat heartbeat = Messages.fromJson(body, Heartbeat.class);
                if (heartbeat.host() == null || heartbeat.host().isBlank()) {
                    throw new MalformedMessageException("the heartbeat names no host");
                }
                if (Messages.hostOfAgent(sender).filter(heartbeat.host()::equals).isEmpty()) {
                    audit.host(Actor.sender(sender), "agent.forged", heartbeat.host(), Outcome.FAILED,
                            "a heartbeat for host " + heartbeat.host() + " came from broker account " + sender
                                    + "; dropped, nothing changed");
                    return;
                }
                hosts.heard(heartbeat);
                if (!heartbeat.samples().isEmpty()) {
                    sampled.fire(new UnitsSampled(heartbeat.host(), heartbeat.samples(), Actor.sender(sender)));
                }
            } else if (MessageType.OBSERVATION.name().equals(type)) {
                Observation observation = Messages.fromJson(body, Observation.class);
                if (observation.host() == null || observation.host().isBlank() || observation.at() == null) {
                    throw new MalformedMessageException("the observation names no host or no time");
                }
                if (Messages.hostOfAgent(sender).filter(observation.host()::equals).isEmpty()) {
                    audit.host(Actor.sender(sender), "agent.forged", observation.host(), Outcome.FAILED,
                            "an observation of host " + observation.host() + " came from broker account " + sender
                                    + "; dropped, nothing changed");
                    return;
                }
                observed.fire(new HostObserved(observation.host(), observation, Actor.sender(sender)));
            } else {
                throw new MalformedMessageException("unknown message type '" + type + "' (expected RESULT,"
                        + " HEARTBEAT or OBSERVATION)");
            }
        } catch (MalformedMessageException e) {
            reject(message, e.getMessage());
            failCommandOf(message, e.getMessage());
        } catch (JMSException e) {
            throw new JMSRuntimeException("cannot read a message on " + Messages.RESULTS_QUEUE + ": "
                    + e.getMessage(), e.getErrorCode(), e);
        }
    }

    /**
     * The broker account a message counts as sent by: the one the broker stamped on it, whatever its body or
     * properties claim; for a dead letter an admin replayed (stamped with the manager's own account, which no one
     * else has), the account that sent the original, as {@link DeadLetterQueue} noted it.
     */
    private String senderOf(Message message) throws JMSException {
        String stamped = message.getStringProperty(Messages.SENDER);
        if (managerUser.equals(stamped) && message.propertyExists(DeadLetters.REPLAYED_FOR)) {
            return message.getStringProperty(DeadLetters.REPLAYED_FOR);
        }
        return stamped;
    }

    /**
     * An unreadable result whose properties still name its command fails that command, with the reason, when it
     * came from the agent of the command's host (else it is audited as forged, see {@link Answers#take}).
     */
    private void failCommandOf(Message message, String reason) {
        try {
            String commandId = message.getStringProperty(Messages.COMMAND_ID);
            if (commandId != null && MessageType.RESULT.name().equals(message.getStringProperty(Messages.TYPE))) {
                String sender = senderOf(message);
                answers.take(AgentResult.failed(commandId, 0, Messages.hostOfAgent(sender).orElse(null), null,
                        "the agent's result could not be read: " + reason), sender);
            }
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }

    private void reject(Message message, String reason) {
        try {
            DeadLetters.keep(jms, message, Messages.RESULTS_QUEUE, reason, senderOf(message));
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
        audit.message(Actor.SYSTEM, "message.reject", Messages.RESULTS_QUEUE, Outcome.FAILED,
                reason + " (kept in " + Messages.DEAD_LETTER_QUEUE + ")");
    }
}
