package dev.berth.agents.boundary;

import dev.berth.audit.control.AuditTrail;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.commands.control.CommandPublisher;
import dev.berth.hosts.boundary.Hosts;
import dev.berth.platform.boundary.EmbeddedBroker;
import dev.berth.platform.control.ManagerConfig;
import dev.berth.platform.entity.Actor;
import dev.berth.platform.entity.BerthException;
import dev.berth.protocol.DeadLetters;
import dev.berth.protocol.Messages;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The dead-letter queue as an admin sees and works it: what is in it, a letter put back on the queue it came from,
 * a letter thrown away. It works through JMS with the manager's broker account (a browser, and a consumer that selects
 * one message by its id), so it works with a standalone broker as with the embedded one. A replay is one transaction:
 * the letter leaves the DLQ, its copy reaches its queue and the audit record ({@code deadletter.replay}) is written,
 * or none of it; so is a discard ({@code deadletter.discard}).
 * <p>
 * A replayed result counts as sent by the account that sent the original, not by the manager's account that replays
 * it ({@link DeadLetters#REPLAYED_FOR}); which account that was is taken from what the broker stamped on the letter,
 * and from the letter's own note only when the manager's account wrote the letter.
 */
@Stateless
public class DeadLetterQueue {

    /** At most this many letters are listed, oldest first. */
    public static final int LISTED = 500;
    /** A JMS message id of Artemis, without its {@code ID:} prefix. */
    private static final Pattern ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}"
            + "-[0-9a-fA-F]{12}");
    private static final String ID_PREFIX = "ID:";
    /** How long a replay or discard waits for the broker to hand over the letter it saw in the queue. */
    private static final long TAKE_MILLIS = 5_000;

    @Inject
    @JMSConnectionFactory(CommandPublisher.CONNECTION_FACTORY)
    JMSContext jms;

    @Inject
    AuditTrail audit;

    @EJB
    Hosts hosts;

    @EJB
    EmbeddedBroker broker;

    @Inject
    ManagerConfig config;

    @Inject
    @ConfigProperty(name = "berth.broker.manager-user")
    String managerUser;

    /** The letters in the DLQ, oldest first, at most {@link #LISTED}. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<DeadLetter> list(Actor actor) {
        requireAdmin(actor);
        List<DeadLetter> letters = new ArrayList<>();
        try (QueueBrowser browser = jms.createBrowser(jms.createQueue(Messages.DEAD_LETTER_QUEUE))) {
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements() && letters.size() < LISTED) {
                letters.add(read((Message) messages.nextElement()));
            }
        } catch (JMSException e) {
            throw unreadable(e);
        }
        return letters;
    }

    /** How many letters the DLQ holds: the embedded broker's count, else (a standalone broker) browsed. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public long count() {
        if (broker.embedded()) {
            return broker.deadLetters();
        }
        long count = 0;
        try (QueueBrowser browser = jms.createBrowser(jms.createQueue(Messages.DEAD_LETTER_QUEUE))) {
            for (Enumeration<?> messages = browser.getEnumeration(); messages.hasMoreElements(); messages.nextElement()) {
                count++;
            }
        } catch (JMSException e) {
            throw unreadable(e);
        }
        return count;
    }

    /**
     * Puts the letter back on the queue it came from: {@code berth.results}, or the command queue of a host that
     * still exists. A letter that says no such queue, or is no text message, stays where it is (409).
     */
    public DeadLetter replay(String id, Actor actor) {
        requireAdmin(actor);
        Message message = find(id);
        DeadLetter letter = read(message);
        String origin = letter.origin();
        boolean results = Messages.RESULTS_QUEUE.equals(origin);
        Optional<String> host = Messages.hostOfAgentQueue(origin);
        if (!results && host.isEmpty()) {
            throw BerthException.conflict("dead letter " + id + " came from " + (origin == null ? "no known queue"
                    : "queue " + origin) + ", which is none of Berth's result or command queues; it can only be"
                    + " discarded");
        }
        if (host.isPresent() && hosts.find(host.get()).isEmpty()) {
            throw BerthException.conflict("dead letter " + id + " is a command for host " + host.get()
                    + ", which no longer exists; it can only be discarded");
        }
        if (!(message instanceof TextMessage text)) {
            throw BerthException.conflict("dead letter " + id + " is no text message, so none of Berth's; it can only"
                    + " be discarded");
        }
        take(id);
        try {
            TextMessage copy = jms.createTextMessage(text.getText());
            for (Object name : Collections.list(message.getPropertyNames())) {
                String property = (String) name;
                if (!property.startsWith("JMSX") && !property.startsWith("_AMQ") && !DeadLetters.isOwn(property)) {
                    copy.setObjectProperty(property, message.getObjectProperty(property));
                }
            }
            JMSProducer producer = jms.createProducer();
            if (results) {
                if (letter.sender() != null) {
                    copy.setStringProperty(DeadLetters.REPLAYED_FOR, letter.sender());
                }
            } else {
                // a command as the publisher sends it: in its unit's group, living no longer than a command may
                copy.setStringProperty("JMSXGroupID", letter.unitId() != null && letter.unitId() > 0
                        ? "unit-" + letter.unitId() : "command-" + letter.commandId());
                producer.setTimeToLive(config.commandTimeout().toMillis());
            }
            producer.send(jms.createQueue(origin), copy);
        } catch (JMSException e) {
            throw unreadable(e);
        }
        audit.message(actor, "deadletter.replay", "message " + id, Outcome.SUCCEEDED, "back to " + origin + ": "
                + summary(letter));
        return letter;
    }

    /** Removes the letter for good. */
    public DeadLetter discard(String id, Actor actor) {
        requireAdmin(actor);
        DeadLetter letter = read(find(id));
        take(id);
        audit.message(actor, "deadletter.discard", "message " + id, Outcome.SUCCEEDED, "removed from "
                + Messages.DEAD_LETTER_QUEUE + ": " + summary(letter));
        return letter;
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.admin()) {
            throw BerthException.forbidden("only an administrator may see and handle dead letters");
        }
    }

    /** The letter with this id, as a browser sees it (it stays in the queue). */
    private Message find(String id) {
        String selector = selector(id);
        try (QueueBrowser browser = jms.createBrowser(jms.createQueue(Messages.DEAD_LETTER_QUEUE), selector)) {
            Enumeration<?> messages = browser.getEnumeration();
            if (!messages.hasMoreElements()) {
                throw BerthException.notFound("no dead letter " + id);
            }
            return (Message) messages.nextElement();
        } catch (JMSException e) {
            throw unreadable(e);
        }
    }

    /** Consumes the letter in this transaction: it leaves the queue when the transaction commits. */
    private void take(String id) {
        try (JMSConsumer consumer = jms.createConsumer(jms.createQueue(Messages.DEAD_LETTER_QUEUE), selector(id))) {
            if (consumer.receive(TAKE_MILLIS) == null) {
                throw BerthException.conflict("dead letter " + id + " was taken by someone else meanwhile");
            }
        }
    }

    private static String selector(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw BerthException.invalid("'" + id + "' is no dead letter's id (a UUID, as GET /api/dead-letters"
                    + " lists them)");
        }
        return "JMSMessageID = '" + ID_PREFIX + id + "'";
    }

    private DeadLetter read(Message message) {
        try {
            String id = message.getJMSMessageID();
            String reason = message.getStringProperty(DeadLetters.REASON);
            String brokerOrigin = message.getStringProperty(DeadLetters.BROKER_ORIGIN);
            String origin = message.getStringProperty(DeadLetters.ORIGIN);
            boolean moved = reason == null && brokerOrigin != null;
            if (origin == null) {
                origin = brokerOrigin;
            }
            if (reason == null) {
                reason = moved ? "its consumer failed at every delivery to " + brokerOrigin + " (the manager or agent"
                        + " could not act on it; see its log), and the broker moved it here after the last attempt"
                        : "no reason given";
            }
            String body = DeadLetters.bodyOf(message);
            long sent = message.getJMSTimestamp();
            return new DeadLetter(id != null && id.startsWith(ID_PREFIX) ? id.substring(ID_PREFIX.length()) : id,
                    origin, reason, moved, message.getStringProperty(Messages.TYPE),
                    message.getStringProperty(Messages.COMMAND_ID), unitOf(message), senderOf(message),
                    sent > 0 ? Instant.ofEpochMilli(sent) : null,
                    message.propertyExists("JMSXDeliveryCount") ? message.getIntProperty("JMSXDeliveryCount") : 0,
                    body.length() > DeadLetter.BODY_SHOWN ? body.substring(0, DeadLetter.BODY_SHOWN) : body,
                    body.length());
        } catch (JMSException e) {
            throw unreadable(e);
        }
    }

    /**
     * The account that sent the original: the one the broker stamped on the letter, or, when that is the manager's
     * own (the manager kept or replayed it), the one the manager noted.
     */
    private String senderOf(Message message) throws JMSException {
        String stamped = message.getStringProperty(Messages.SENDER);
        if (managerUser.equals(stamped)) {
            String noted = message.getStringProperty(DeadLetters.SENDER);
            if (noted == null) {
                noted = message.getStringProperty(DeadLetters.REPLAYED_FOR);
            }
            return noted != null ? noted : stamped;
        }
        return stamped;
    }

    private static Long unitOf(Message message) throws JMSException {
        Object unit = message.getObjectProperty(Messages.UNIT_ID);
        if (unit instanceof Number number) {
            return number.longValue();
        }
        try {
            return unit == null ? null : Long.valueOf(unit.toString());
        } catch (NumberFormatException notAUnit) {
            return null;
        }
    }

    private static String summary(DeadLetter letter) {
        return "a " + (letter.type() == null ? "message without type" : letter.type())
                + (letter.commandId() == null ? "" : " of command " + letter.commandId())
                + (letter.sender() == null ? "" : " from " + letter.sender()) + ", kept because: " + letter.reason();
    }

    private static JMSRuntimeException unreadable(JMSException e) {
        return new JMSRuntimeException("cannot read the dead-letter queue " + Messages.DEAD_LETTER_QUEUE + ": "
                + e.getMessage(), e.getErrorCode(), e);
    }
}
