package dev.berth.batches.boundary;

import dev.berth.audit.control.AuditTrail;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.batches.control.BatchRequest;
import dev.berth.batches.control.Replies;
import dev.berth.commands.control.CommandPublisher;
import dev.berth.platform.entity.Actor;
import dev.berth.platform.entity.BerthException;
import dev.berth.protocol.DeadLetters;
import dev.berth.protocol.Messages;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Destination;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.util.Optional;

/**
 * Consumes provisioning producers' batches from {@code berth.provisioning} (docs/provisioning.md): a JSON batch
 * ({@code type=batch}) or the guide's docker_user.xml ({@code type=docker_user.xml}), acted on as
 * {@code provisioner:<account>}, the account the broker stamped on the message. What is no batch is answered with a
 * FAILED summary and its reason, kept in the DLQ with that reason and audited, in the consumer's transaction: never
 * redelivered in a loop.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "artemis-rar"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Messages.PROVISIONING_QUEUE),
        @ActivationConfigProperty(propertyName = "connectorClassName",
                propertyValue = "org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory"),
        @ActivationConfigProperty(propertyName = "connectionParameters",
                propertyValue = "${MPCONFIG=berth.broker.connection}"),
        @ActivationConfigProperty(propertyName = "user", propertyValue = "${MPCONFIG=berth.broker.manager-user}"),
        @ActivationConfigProperty(propertyName = "password",
                propertyValue = "${MPCONFIG=berth.broker.manager-password}"),
        @ActivationConfigProperty(propertyName = "reconnectAttempts", propertyValue = "5"),
        @ActivationConfigProperty(propertyName = "retryInterval", propertyValue = "500"),
        @ActivationConfigProperty(propertyName = "setupAttempts", propertyValue = "-1"),
        @ActivationConfigProperty(propertyName = "setupInterval", propertyValue = "2000"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "2")
})
public class ProvisioningConsumer implements MessageListener {

    /** JMS property: what the body is. */
    public static final String TYPE = "type";

    @EJB
    Batches batches;

    @EJB
    Replies replies;

    @Inject
    AuditTrail audit;

    @Inject
    @JMSConnectionFactory(CommandPublisher.CONNECTION_FACTORY)
    JMSContext jms;

    @Override
    public void onMessage(Message message) {
        String batch = null;
        Optional<String> replyTo = Optional.empty();
        try {
            replyTo = replyQueueOf(message);
            String type = message.getStringProperty(TYPE);
            String body = message instanceof TextMessage text ? text.getText() : null;
            if (body == null) {
                throw BerthException.invalid("the message is no text message with a body (a "
                        + message.getClass().getSimpleName() + ")");
            }
            Actor actor = Actor.provisioner(String.valueOf(message.getStringProperty(Messages.SENDER)));
            BatchRequest request;
            if ("batch".equals(type)) {
                batch = BatchRequest.idIn(body);
                request = BatchRequest.parse(body);
            } else if ("docker_user.xml".equals(type)) {
                batch = message.getJMSCorrelationID() != null ? message.getJMSCorrelationID()
                        : message.getJMSMessageID().replace("ID:", "");
                request = BatchRequest.ofDockerUserXml(batch, body);
            } else {
                throw BerthException.invalid("the JMS property type is " + (type == null ? "missing" : "'" + type
                        + "'") + ": use batch (a JSON batch) or docker_user.xml");
            }
            batches.submit(request, actor, replyTo);
        } catch (BerthException malformed) {
            reject(message, batch, replyTo, malformed.getMessage());
        } catch (JMSException e) {
            throw new JMSRuntimeException("cannot read a message on " + Messages.PROVISIONING_QUEUE + ": "
                    + e.getMessage(), e.getErrorCode(), e);
        }
    }

    private static Optional<String> replyQueueOf(Message message) throws JMSException {
        Destination destination = message.getJMSReplyTo();
        return destination instanceof Queue queue ? Optional.of(queue.getQueueName()) : Optional.empty();
    }

    private void reject(Message message, String batch, Optional<String> replyTo, String reason) {
        DeadLetters.keep(jms, message, Messages.PROVISIONING_QUEUE, reason);
        replyTo.ifPresent(queue -> replies.send(queue, batch, Replies.malformed(batch, reason)));
        audit.message(Actor.SYSTEM, "message.reject", Messages.PROVISIONING_QUEUE, Outcome.FAILED,
                reason + " (kept in " + Messages.DEAD_LETTER_QUEUE + ")");
    }
}
