package dev.berth.units.boundary;

import dev.berth.commands.control.CommandPublisher;
import dev.berth.platform.control.ManagerConfig;
import dev.berth.platform.entity.Actor;
import dev.berth.platform.entity.BerthException;
import dev.berth.protocol.DeadLetters;
import dev.berth.protocol.LogRequest;
import dev.berth.protocol.MessageType;
import dev.berth.protocol.Messages;
import dev.berth.protocol.ReadLogs;
import dev.berth.protocol.UnitLogs;
import dev.berth.units.control.LogStream;
import dev.berth.units.entity.Unit;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
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

/**
 * A unit's container logs, read by the agent of its host: the manager asks on the host's queue and waits for the
 * answer on a temporary queue. Reading changes nothing, so it runs outside any transaction (a send inside one would
 * leave only at commit, after the wait) and is not audited. A followed stream ({@code docker logs -f}) is checked
 * here the same way, then read by the caller through a {@link LogStream}, outside any transaction and any EJB call.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Logs {

    @Inject
    ManagerConfig config;

    private static final Logger LOG = Logger.getLogger(Logs.class.getName());

    @EJB
    Units units;

    @Inject
    @JMSConnectionFactory(CommandPublisher.CONNECTION_FACTORY)
    JMSContext jms;

    @Resource(lookup = CommandPublisher.CONNECTION_FACTORY)
    ConnectionFactory factory;

    /** The logs asked for, at once; for a request with {@code follow} use {@link #follow}. */
    public String read(long unitId, LogRequest request, Actor actor) {
        Unit unit = readable(unitId, actor);
        String host = unit.getHost().getName();
        ReadLogs ask = ask(unit, request);
        TemporaryQueue replies = jms.createTemporaryQueue();
        try (JMSConsumer answers = jms.createConsumer(replies)) {
            TextMessage message = Messages.text(jms, MessageType.COMMAND, ask,
                    Map.of(Messages.COMMAND_ID, ask.commandId(), Messages.UNIT_ID, unitId));
            message.setJMSReplyTo(replies);
            jms.createProducer().setTimeToLive(config.logsTimeout().toMillis())
                    .send(jms.createQueue(Messages.agentQueue(host)), message);
            Message answer = LogStream.fromAgent(answers, host, config.logsTimeout(),
                    sender -> units.forgedLogs(unitId, host, sender));
            if (answer == null) {
                throw BerthException.unavailable("the agent of host " + host + " did not answer within "
                        + config.logsTimeout().toSeconds() + " s; try again, or check that it runs");
            }
            UnitLogs logs = Messages.fromJson(DeadLetters.bodyOf(answer), UnitLogs.class);
            if (logs.error() != null) {
                throw BerthException.conflict(logs.error());
            }
            return logs.text();
        } catch (JMSException e) {
            throw new JMSRuntimeException("cannot ask host " + host + " for logs: " + e.getMessage(),
                    e.getErrorCode(), e);
        } finally {
            forget(replies);
        }
    }

    /**
     * A followed log stream of the unit, checked as {@link #read} checks (the actor may read the unit's logs, its
     * host is ONLINE) but not yet opened: the caller opens, streams and closes it on its own thread, so that no EJB
     * call and no transaction lasts as long as the stream.
     */
    public LogStream follow(long unitId, LogRequest request, Actor actor) {
        Unit unit = readable(unitId, actor);
        String host = unit.getHost().getName();
        return new LogStream(factory, host, ask(unit, request), config.logsTimeout(),
                sender -> units.forgedLogs(unitId, host, sender));
    }

    private Unit readable(long unitId, Actor actor) {
        Unit unit = units.get(unitId, actor);
        if (!unit.getHost().isOnline()) {
            throw BerthException.unavailable("host " + unit.getHost().getName() + " is OFFLINE; the logs of unit "
                    + unitId + " can be read once its agent answers again");
        }
        return unit;
    }

    private static ReadLogs ask(Unit unit, LogRequest request) {
        return new ReadLogs(UUID.randomUUID().toString(), unit.getId(), unit.getOwner().getName(), request);
    }

    /** The reply queue dies with its connection anyway; deleting it now keeps a pooled connection clean. */
    private static void forget(TemporaryQueue replies) {
        try {
            replies.delete();
        } catch (JMSException e) {
            LOG.fine(() -> "temporary reply queue not deleted: " + e.getMessage());
        }
    }
}
