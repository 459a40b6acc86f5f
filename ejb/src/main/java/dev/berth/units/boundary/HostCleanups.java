package dev.berth.units.boundary;

import dev.berth.audit.control.AuditTrail;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.commands.control.CommandPublisher;
import dev.berth.hosts.boundary.Hosts;
import dev.berth.hosts.entity.Host;
import dev.berth.platform.control.ManagerConfig;
import dev.berth.platform.entity.Actor;
import dev.berth.platform.entity.BerthException;
import dev.berth.protocol.CleanHost;
import dev.berth.protocol.DeadLetters;
import dev.berth.protocol.HostCleanup;
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
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * A host's clean-up (the guide's image clean-up): the previous containers recreations left behind and the images
 * made for Berth that nothing uses, listed (a preview) or removed by the host's agent. The manager tells the agent
 * which images its units use, and the default image, which stay even when no container uses them now. The admin
 * waits for the answer on a temporary queue, as a read of logs does, so this runs outside any transaction; an applied
 * clean-up is audited ({@code host.cleanup}) in a transaction of its own.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HostCleanups {

    static final String ACTION = "host.cleanup";
    private static final Logger LOG = Logger.getLogger(HostCleanups.class.getName());

    @Inject
    ManagerConfig config;

    @EJB
    Hosts hosts;

    @EJB
    Units units;

    @EJB
    HostCleanups self;

    @Inject
    AuditTrail audit;

    @Inject
    @JMSConnectionFactory(CommandPublisher.CONNECTION_FACTORY)
    JMSContext jms;

    /** What a clean-up of {@code host} would remove; changes nothing. */
    public HostCleanup preview(String host, Actor actor) {
        return clean(host, true, actor);
    }

    /** Removes what {@link #preview} lists (what is still there and unused), and audits it. */
    public HostCleanup apply(String host, Actor actor) {
        HostCleanup done;
        try {
            done = clean(host, false, actor);
        } catch (BerthException e) {
            if (actor.admin()) {
                self.record(actor, host, Outcome.FAILED, e.getMessage());
            }
            throw e;
        }
        self.record(actor, host, Outcome.SUCCEEDED, summary(done));
        return done;
    }

    /** Writes the audit record of an applied clean-up. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(Actor actor, String host, Outcome outcome, String detail) {
        audit.host(actor, ACTION, host, outcome, detail);
    }

    private HostCleanup clean(String name, boolean dryRun, Actor actor) {
        if (!actor.admin()) {
            throw BerthException.forbidden(actor.name() + " may not clean up a host; an admin does");
        }
        Host host = hosts.find(name).orElseThrow(() -> BerthException.notFound("no host named '" + name + "'"));
        if (!host.isOnline()) {
            throw BerthException.unavailable("host " + name + " is OFFLINE; clean it up once its agent answers again");
        }
        CleanHost ask = new CleanHost(UUID.randomUUID().toString(), dryRun, units.imagesInUse(name));
        TemporaryQueue replies = jms.createTemporaryQueue();
        try (JMSConsumer answers = jms.createConsumer(replies)) {
            TextMessage message = Messages.text(jms, MessageType.COMMAND, ask, Map.of(Messages.COMMAND_ID,
                    ask.commandId()));
            message.setJMSReplyTo(replies);
            jms.createProducer().setTimeToLive(config.commandTimeout().toMillis())
                    .send(jms.createQueue(Messages.agentQueue(name)), message);
            Message answer = LogStream.fromAgent(answers, name, config.commandTimeout(),
                    sender -> LOG.warning(() -> "a clean-up answer for host " + name + " came from broker account "
                            + sender + "; dropped"));
            if (answer == null) {
                throw BerthException.unavailable("the agent of host " + name + " did not answer within "
                        + config.commandTimeout().toSeconds() + " s; try again, or check that it runs");
            }
            String body = DeadLetters.bodyOf(answer);
            if (!MessageType.CLEANUP.name().equals(answer.getStringProperty(Messages.TYPE))) {
                // an agent that could not read the command answers as to a read of logs, with the reason
                throw BerthException.conflict(Messages.fromJson(body, UnitLogs.class).error());
            }
            HostCleanup cleanup = Messages.fromJson(body, HostCleanup.class);
            if (cleanup.error() != null) {
                throw BerthException.conflict(cleanup.error());
            }
            return cleanup;
        } catch (JMSException e) {
            throw new JMSRuntimeException("cannot ask host " + name + " to clean up: " + e.getMessage(),
                    e.getErrorCode(), e);
        } finally {
            try {
                replies.delete();
            } catch (JMSException e) {
                LOG.fine(() -> "temporary reply queue not deleted: " + e.getMessage());
            }
        }
    }

    /** The audit record's text: each item with its fate and size. */
    static String summary(HostCleanup cleanup) {
        if (cleanup.items().isEmpty()) {
            return "nothing to remove";
        }
        long freed = cleanup.items().stream().filter(i -> i.fate() == HostCleanup.Fate.REMOVED)
                .mapToLong(HostCleanup.Item::bytes).sum();
        return cleanup.items().stream().map(i -> i.kind() + " " + i.name() + " (" + i.id() + ", " + i.bytes()
                + " bytes) " + i.fate()).collect(Collectors.joining("; ")) + "; " + freed + " bytes freed";
    }
}
