package dev.berth.agent.platform;

import jakarta.ejb.Stateless;
import jakarta.jms.JMSConnectionFactoryDefinition;

/** The agent's connection to the broker, logged in with the agent account. */
@JMSConnectionFactoryDefinition(
        name = AgentJms.CONNECTION_FACTORY,
        resourceAdapter = "artemis-rar",
        user = "${MPCONFIG=berth.broker.agent-user}",
        password = "${MPCONFIG=berth.broker.agent-password}",
        properties = {
                "ConnectorClassName=org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory",
                "ConnectionParameters=${MPCONFIG=berth.broker.connection}"})
@Stateless
public class AgentJms {

    public static final String CONNECTION_FACTORY = "java:app/jms/AgentConnectionFactory";
}
