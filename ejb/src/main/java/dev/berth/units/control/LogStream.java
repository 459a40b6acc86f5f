package dev.berth.units.control;

import dev.berth.platform.entity.BerthException;
import dev.berth.protocol.AgentCommand;
import dev.berth.protocol.DeadLetters;
import dev.berth.protocol.KeepFollowing;
import dev.berth.protocol.MessageType;
import dev.berth.protocol.Messages;
import dev.berth.protocol.ReadLogs;
import dev.berth.protocol.StopFollowing;
import dev.berth.protocol.UnitLogs;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * One followed log stream ({@code docker logs -f}) as the manager reads it: asks the unit's agent to follow, waits
 * for its first chunk (so that a unit without container or a silent agent is still a clear error before anything is
 * streamed), then copies the agent's chunks to the reader as they come, flushing each. Every
 * {@link #KEEP_ALIVE} it tells the agent "still reading"; closing it tells the agent to stop.
 * <p>
 * Only chunks the host's agent sent (by the broker account the broker stamped on them) are streamed; anything else
 * that reached the reply queue is dropped and reported.
 * <p>
 * It holds its own JMS context (no transaction: each message leaves at once) for as long as the stream lasts, and is
 * used by the one thread that streams it.
 */
public final class LogStream implements AutoCloseable {

    /** How often the agent hears "still reading"; its follower stops after about three missed ones. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(5);
    /** The agent sends at least an empty chunk every 5 s; this much silence means it is gone. */
    static final Duration AGENT_SILENCE = Duration.ofSeconds(20);
    private static final long RECEIVE_MILLIS = 1000;
    private static final Logger LOG = Logger.getLogger(LogStream.class.getName());
    /** Streams open in this manager right now (a gauge of the metrics). */
    private static final AtomicInteger OPEN = new AtomicInteger();

    private final ConnectionFactory factory;
    private final String host;
    private final ReadLogs follow;
    private final Duration firstAnswer;
    private final Consumer<String> forged;
    private JMSContext jms;
    private TemporaryQueue replies;
    private JMSConsumer chunks;
    private Queue agent;
    private UnitLogs first;
    private long expected;
    private boolean ended;
    /** Set by another thread when the reader has gone without a failed write (a closed page); see {@link #stop()}. */
    private volatile boolean stopped;
    private boolean counted;
    private Instant lastKeepAlive;
    private Instant lastHeard;

    /**
     * @param follow      the LOGS command with {@code follow}; its id names the stream in the agent's messages
     * @param firstAnswer how long the agent may take to attach
     * @param forged      told the broker account of each message that reached the reply queue from anyone but
     *                    the host's agent (such a message is dropped)
     */
    public LogStream(ConnectionFactory factory, String host, ReadLogs follow, Duration firstAnswer,
                     Consumer<String> forged) {
        this.factory = factory;
        this.host = host;
        this.follow = follow;
        this.firstAnswer = firstAnswer;
        this.forged = forged;
    }

    /**
     * The next message on {@code replies} that the agent of {@code host} sent, within {@code wait}; null if none.
     * Messages from any other broker account are dropped, and {@code forged} is told their sender.
     */
    public static Message fromAgent(JMSConsumer replies, String host, Duration wait, Consumer<String> forged)
            throws JMSException {
        Instant end = Instant.now().plus(wait);
        while (true) {
            long left = Duration.between(Instant.now(), end).toMillis();
            if (left <= 0) {
                return null;
            }
            Message message = replies.receive(left);
            if (message == null) {
                return null;
            }
            String sender = message.getStringProperty(Messages.SENDER);
            if (Messages.agentUser(host).equals(sender)) {
                return message;
            }
            forged.accept(sender);
        }
    }

    /** How many followed streams this manager holds open now. */
    public static int openStreams() {
        return OPEN.get();
    }

    /**
     * Asks the agent to follow and waits for its first chunk.
     *
     * @throws BerthException 503 when the agent does not answer in time or follows too many streams already, 409
     *                        when the unit's logs cannot be read (no container, engine down); the stream is closed
     */
    public LogStream open() {
        try {
            jms = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
            replies = jms.createTemporaryQueue();
            chunks = jms.createConsumer(replies);
            agent = jms.createQueue(Messages.agentQueue(host));
            TextMessage ask = command(follow);
            ask.setJMSReplyTo(replies);
            jms.createProducer().setTimeToLive(firstAnswer.toMillis()).send(agent, ask);
            lastKeepAlive = Instant.now();
            Message answer = fromAgent(chunks, host, firstAnswer, forged);
            if (answer == null) {
                throw BerthException.unavailable("the agent of host " + host + " did not answer within "
                        + firstAnswer.toSeconds() + " s; try again, or check that it runs");
            }
            first = Messages.fromJson(DeadLetters.bodyOf(answer), UnitLogs.class);
            lastHeard = Instant.now();
            if (first.error() != null && first.sequence() == 0) {
                ended = true;
                throw first.busy() ? BerthException.unavailable(first.error()) : BerthException.conflict(first.error());
            }
            counted = true;
            OPEN.incrementAndGet();
            return this;
        } catch (JMSException e) {
            close();
            throw new JMSRuntimeException("cannot ask host " + host + " to follow logs: " + e.getMessage(),
                    e.getErrorCode(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Writes the stream to {@code out}, flushing every chunk, until it ends: the container stopped, the agent
     * failed or went silent (a last line starting with {@code [berth]} says so).
     *
     * @throws IOException when the reader has gone; {@link #close()} then stops the agent's follower
     */
    public void copyTo(OutputStream out) throws IOException {
        write(out, first);
        while (!ended && !stopped) {
            Message message = receive();
            Instant now = Instant.now();
            if (message != null) {
                lastHeard = now;
                write(out, parse(message));
            } else if (Duration.between(lastHeard, now).compareTo(AGENT_SILENCE) > 0) {
                end(out, "the agent of host " + host + " stopped sending for " + AGENT_SILENCE.toSeconds()
                        + " s; the stream ends, follow again");
            }
            if (!ended && Duration.between(lastKeepAlive, now).compareTo(KEEP_ALIVE) >= 0) {
                jms.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                        .setTimeToLive(KEEP_ALIVE.multipliedBy(2).toMillis())
                        .send(agent, command(new KeepFollowing(follow.commandId(), follow.unitId())));
                lastKeepAlive = now;
            }
        }
    }

    /**
     * Ends {@link #copyTo} within about a second, from any thread: for a reader that cannot fail a write when it goes
     * (a browser page told through its websocket). The streaming thread's {@link #close()} then stops the agent's
     * follower.
     */
    public void stop() {
        stopped = true;
    }

    private Message receive() {
        try {
            return fromAgent(chunks, host, Duration.ofMillis(RECEIVE_MILLIS), forged);
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }

    private UnitLogs parse(Message message) {
        try {
            return Messages.fromJson(DeadLetters.bodyOf(message), UnitLogs.class);
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }

    private void write(OutputStream out, UnitLogs chunk) throws IOException {
        if (chunk.sequence() != expected) {
            end(out, "chunks " + expected + " to " + (chunk.sequence() - 1) + " of the stream were lost;"
                    + " the stream ends, follow again");
            return;
        }
        expected++;
        if (!chunk.text().isEmpty()) {
            out.write(chunk.text().getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        if (chunk.error() != null) {
            end(out, chunk.error());
        } else if (chunk.end()) {
            ended = true;
        }
    }

    private void end(OutputStream out, String why) throws IOException {
        ended = true;
        out.write(("\n[berth] " + why + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private TextMessage command(AgentCommand command) {
        return Messages.text(jms, MessageType.COMMAND, command,
                Map.of(Messages.COMMAND_ID, command.commandId(), Messages.UNIT_ID, command.unitId()));
    }

    /** Stops the agent's follower unless the stream has ended, and lets go of the reply queue and the context. */
    @Override
    public void close() {
        if (counted) {
            counted = false;
            OPEN.decrementAndGet();
        }
        if (jms == null) {
            return;
        }
        try {
            if (!ended && agent != null) {
                jms.createProducer().setTimeToLive(firstAnswer.toMillis())
                        .send(agent, command(new StopFollowing(follow.commandId(), follow.unitId())));
            }
        } catch (RuntimeException e) {
            LOG.fine(() -> "the follower of " + follow.commandId() + " was not told to stop: " + e.getMessage());
        }
        try {
            if (chunks != null) {
                chunks.close();
            }
            if (replies != null) {
                replies.delete();
            }
        } catch (JMSException | RuntimeException e) {
            LOG.fine(() -> "temporary reply queue not deleted: " + e.getMessage());
        } finally {
            jms.close();
            jms = null;
        }
    }
}
