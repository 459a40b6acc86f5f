package dev.berth.protocol;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.io.StringReader;
import java.util.Map;
import java.util.Optional;

/** Queue names, JMS property names and the JSON mapping every Berth message uses. */
public final class Messages {

    /**
     * The protocol version this build speaks, sent with every message as the JMS property {@link #PROTOCOL_VERSION}.
     * Version 2: {@link LogRequest#follow()}, the chunked {@link UnitLogs} answer ({@code sequence}, {@code end},
     * {@code busy}) and the commands {@link CommandType#LOGS_FOLLOWING} and {@link CommandType#LOGS_STOP}.
     * Version 3: a unit's isolation in {@link ContainerSpec} (its uid, pids and open-file limits, allowed client
     * networks); an agent of version 2 would start such a unit as root.
     * Version 4: one record per command kind ({@link AgentCommand}), each with its own fields only (no {@code user} on
     * {@link LoadImage}, {@link KeepFollowing} and {@link StopFollowing}, which a version-3 agent requires), the
     * version in the JMS property only; agents read every version from {@link #OLDEST_COMMAND_VERSION} on and answer
     * a newer one with a FAILED result saying so.
     * Version 5: {@link AllowClients}, which sets anew who may reach a running unit (a client session opened or
     * ended); a version-4 agent would not know the kind.
     * Version 6: {@link Observation}, what an agent sees of its host's containers (engine events and inventories),
     * sent on {@link #RESULTS_QUEUE} with the type {@link MessageType#OBSERVATION}; a manager of version 5 would
     * dead-letter it as an unknown type.
     * Also version 6: {@link CleanHost} and its answer {@link HostCleanup}; a START answered {@link Outcome#FAILED}
     * with state {@link ObservedState#RUNNING}: the update (a container made anew) failed and the previous container
     * runs again ({@link AgentResult#rolledBack}).
     * Also version 6: {@link Survey} and {@link RepairDrift}, answered on a reply-to queue with {@link SurveyReport} and
     * {@link DriftRepairs} (message type {@link MessageType#DRIFT}); a version-5 agent would not know the kinds.
     */
    public static final int VERSION = 6;

    /**
     * The oldest command version an agent of this build carries out: version 3's bodies read as version 4's (a
     * version-3 command has the same {@code type} names and fields, plus ones version 4 ignores). Older commands
     * carry no uid for the unit, which would run as root: they are refused.
     */
    public static final int OLDEST_COMMAND_VERSION = 3;

    /** JMS property: the {@link MessageType}. */
    public static final String TYPE = "type";
    /** JMS property: the protocol version the sender speaks ({@link #VERSION}). */
    public static final String PROTOCOL_VERSION = "version";
    /** JMS property: the command id, also on results, so a result can be matched even if its body is broken. */
    public static final String COMMAND_ID = "commandId";
    /** JMS property: the unit id. */
    public static final String UNIT_ID = "unitId";
    /** JMS property: the sending agent's host, as the agent says; for people only, never trusted. */
    public static final String HOST = "host";
    /**
     * JMS property: the broker account that sent the message, set by the broker itself (Artemis's validated user,
     * {@code populate-validated-user}); a sender cannot choose it. The manager trusts this, not {@link #HOST}.
     */
    public static final String SENDER = "JMSXUserID";

    /** Where agents send results and heartbeats. */
    public static final String RESULTS_QUEUE = "berth.results";
    /** The queue of provisioning producers' batches (docs/provisioning.md); not part of the agents' protocol. */
    public static final String PROVISIONING_QUEUE = "berth.provisioning";
    /** Where messages that cannot be parsed are kept for a person to look at. */
    public static final String DEAD_LETTER_QUEUE = "DLQ";

    private static final String AGENT_QUEUE_PREFIX = "berth.agent.";
    private static final String AGENT_USER_PREFIX = "agent-";

    /** Made on first use, so that the names above need no JSON-B provider. */
    private static final class Mapping {
        static final Jsonb JSONB = JsonbBuilder.create();
    }

    private Messages() {
    }

    /** The queue an agent of {@code host} consumes its commands from. */
    public static String agentQueue(String host) {
        return AGENT_QUEUE_PREFIX + host;
    }

    /** The broker account of the agent of {@code host}: each host has its own. */
    public static String agentUser(String host) {
        return AGENT_USER_PREFIX + host;
    }

    /** The host whose agent account {@code user} is; empty for any other account (the manager's, none). */
    public static Optional<String> hostOfAgent(String user) {
        return user != null && user.startsWith(AGENT_USER_PREFIX) && user.length() > AGENT_USER_PREFIX.length()
                ? Optional.of(user.substring(AGENT_USER_PREFIX.length())) : Optional.empty();
    }

    /** The host whose commands {@code address} carries ({@code berth.agent.<host>}); empty for other addresses. */
    public static Optional<String> hostOfAgentQueue(String address) {
        return address != null && address.startsWith(AGENT_QUEUE_PREFIX)
                ? Optional.of(address.substring(AGENT_QUEUE_PREFIX.length())) : Optional.empty();
    }

    /**
     * A Berth message: the body as JSON, the JMS properties {@link #TYPE} and {@link #PROTOCOL_VERSION}, and the
     * given further properties.
     */
    public static TextMessage text(JMSContext jms, MessageType type, Object body, Map<String, Object> properties) {
        TextMessage message = jms.createTextMessage(toJson(body));
        try {
            message.setStringProperty(TYPE, type.name());
            message.setIntProperty(PROTOCOL_VERSION, VERSION);
            for (Map.Entry<String, Object> property : properties.entrySet()) {
                message.setObjectProperty(property.getKey(), property.getValue());
            }
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
        return message;
    }

    /**
     * Reads a command of protocol {@code version} (the JMS property {@link #PROTOCOL_VERSION}; null when the message
     * has none, and then the body's own {@code version} field, which version 3 and older sent, decides).
     *
     * @throws ProtocolVersionException when this build cannot read that version
     * @throws MalformedMessageException when the body is no command, with every problem named
     */
    public static AgentCommand readCommand(Integer version, String body) {
        int actual = version != null ? version : bodyVersion(body);
        if (actual > VERSION) {
            throw new ProtocolVersionException(actual, "protocol version " + actual + " is newer than this agent's "
                    + VERSION);
        }
        if (actual < OLDEST_COMMAND_VERSION) {
            throw new ProtocolVersionException(actual, "protocol version " + actual + " is older than this agent"
                    + " reads (" + OLDEST_COMMAND_VERSION + " to " + VERSION + "): upgrade the manager that sent it");
        }
        return fromJson(body, AgentCommand.class);
    }

    /**
     * The message's protocol version, from the JMS property {@link #PROTOCOL_VERSION}; null when it has none.
     *
     * @throws MalformedMessageException when the property is there but no number
     */
    public static Integer versionOf(Message message) throws JMSException {
        if (!message.propertyExists(PROTOCOL_VERSION)) {
            return null;
        }
        try {
            return message.getIntProperty(PROTOCOL_VERSION);
        } catch (NumberFormatException | MessageFormatException e) {
            throw new MalformedMessageException("the JMS property '" + PROTOCOL_VERSION + "' is no version number: "
                    + message.getObjectProperty(PROTOCOL_VERSION));
        }
    }

    /** The {@code version} number of a JSON object body, as bodies of version 3 and older carried it. */
    private static int bodyVersion(String body) {
        JsonValue parsed;
        try (JsonReader reader = Json.createReader(new StringReader(body == null ? "" : body))) {
            parsed = reader.readValue();
        } catch (JsonException e) {
            throw new MalformedMessageException("the message body is not a valid " + AgentCommand.class.getSimpleName()
                    + ": " + reason(e), e);
        }
        if (parsed instanceof JsonObject object && object.get(PROTOCOL_VERSION) instanceof JsonNumber number
                && number.isIntegral()) {
            return number.intValue();
        }
        throw new MalformedMessageException("the message carries no protocol version (JMS property '"
                + PROTOCOL_VERSION + "')");
    }

    public static String toJson(Object message) {
        return Mapping.JSONB.toJson(message);
    }

    /**
     * @throws MalformedMessageException when the text is no JSON or does not fit the type
     */
    public static <T> T fromJson(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new MalformedMessageException("the message body is empty");
        }
        try {
            T parsed = Mapping.JSONB.fromJson(json, type);
            if (parsed == null) {
                throw new MalformedMessageException("the message body is JSON null");
            }
            return parsed;
        } catch (JsonbException e) {
            throw new MalformedMessageException("the message body is not a valid " + type.getSimpleName()
                    + ": " + reason(e), e);
        }
    }

    /** A record's own refusal when there is one (it names every problem), else the innermost cause's text. */
    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            if (t instanceof MalformedMessageException) {
                return t.getMessage();
            }
            t = t.getCause();
        }
        return t.getMessage();
    }
}
