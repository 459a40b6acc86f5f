package dev.berth.commands.control;

import dev.berth.protocol.AgentCommand;
import dev.berth.protocol.MessageType;
import dev.berth.protocol.Messages;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSConnectionFactoryDefinition;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends a command to its host's queue. The send joins the caller's transaction (XA with the database): if the
 * transaction rolls back, the agent never sees the command.
 * <p>
 * Commands of one unit share a message group, so the agent handles them one after the other, in order (a command
 * without a unit, such as an image load, is a group of its own). A command
 * lives no longer than its timeout: an agent that comes back late does not act on a stale one.
 */
@JMSConnectionFactoryDefinition(
        name = CommandPublisher.CONNECTION_FACTORY,
        resourceAdapter = "artemis-rar",
        user = "${MPCONFIG=berth.broker.manager-user}",
        password = "${MPCONFIG=berth.broker.manager-password}",
        properties = {
                "ConnectorClassName=org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory",
                "ConnectionParameters=${MPCONFIG=berth.broker.connection}"})
@Stateless
public class CommandPublisher {

    public static final String CONNECTION_FACTORY = "java:app/jms/BerthConnectionFactory";

    /**
     * The agents' queues by host: the client asks the broker about a queue it makes from a name (a round trip inside
     * every start's transaction); a queue object is only its name, valid on any session.
     */
    private static final Map<String, Queue> QUEUES = new ConcurrentHashMap<>();

    @Inject
    @JMSConnectionFactory(CONNECTION_FACTORY)
    JMSContext jms;

    public void send(String host, AgentCommand command, Duration timeToLive) {
        TextMessage message = Messages.text(jms, MessageType.COMMAND, command, Map.of(
                Messages.COMMAND_ID, command.commandId(),
                Messages.UNIT_ID, command.unitId(),
                "JMSXGroupID", command.unitId() > 0 ? "unit-" + command.unitId() : "command-" + command.commandId()));
        jms.createProducer()
                .setTimeToLive(timeToLive.toMillis())
                .send(QUEUES.computeIfAbsent(host, h -> jms.createQueue(Messages.agentQueue(h))), message);
    }
}
