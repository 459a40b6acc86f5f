package dev.berth.agent.logs.control;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.model.Frame;
import dev.berth.protocol.MessageType;
import dev.berth.protocol.Messages;
import dev.berth.protocol.UnitLogs;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Follows one container's log stream for one LOGS command and sends it, in numbered chunks, to the manager's reply
 * queue, until the container stops (a last chunk with {@code end}), the manager says stop, nobody has said "still
 * reading" for {@code idle}, or a send fails. Runs on its own managed thread, with its own JMS context (no
 * transaction: every chunk leaves at once).
 */
final class LogFollower implements Runnable {

    /** Batching: at most this much per message, at most this late. */
    static final int MAX_CHUNK_BYTES = 64 * 1024;
    static final Duration BATCH_INTERVAL = Duration.ofMillis(200);
    /** While the container is silent, an empty chunk this often tells the manager the follower still runs. */
    static final Duration TICK = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 50;
    private static final Logger LOG = Logger.getLogger(LogFollower.class.getName());

    private final String commandId;
    private final long unitId;
    private final LogContainerCmd logs;
    private final ConnectionFactory factory;
    private final Destination replyTo;
    private final Duration idle;
    private final Consumer<LogFollower> onEnd;
    private final LogBatcher batcher;
    private volatile Instant lastHeard = Instant.now();
    private volatile boolean stopRequested;
    private volatile Throwable dockerFailure;
    /** Counted down when Docker's stream ends; docker-java's own awaitCompletion(timeout) would close the stream. */
    private final CountDownLatch streamEnded = new CountDownLatch(1);

    LogFollower(String commandId, long unitId, LogContainerCmd logs, ConnectionFactory factory, Destination replyTo,
                Duration idle, Consumer<LogFollower> onEnd) {
        this.commandId = commandId;
        this.unitId = unitId;
        this.logs = logs;
        this.factory = factory;
        this.replyTo = replyTo;
        this.idle = idle;
        this.onEnd = onEnd;
        this.batcher = new LogBatcher(MAX_CHUNK_BYTES, BATCH_INTERVAL, Instant.now());
    }

    String commandId() {
        return commandId;
    }

    /** The manager still reads. */
    void stillReading() {
        lastHeard = Instant.now();
    }

    /** The manager stopped reading; the follower ends within a poll. */
    void stop() {
        stopRequested = true;
    }

    @Override
    public void run() {
        String reason = "it ended";
        ResultCallback.Adapter<Frame> stream = null;
        try (JMSContext jms = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            JMSProducer producer = jms.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                    .setTimeToLive(Duration.ofMinutes(1).toMillis());
            Chunks chunks = new Chunks(jms, producer);
            stream = logs.exec(new ResultCallback.Adapter<>() {
                @Override
                public void onNext(Frame frame) {
                    batcher.add(frame.getPayload());
                }

                @Override
                public void onComplete() {
                    streamEnded.countDown();
                    super.onComplete();
                }

                @Override
                public void onError(Throwable throwable) {
                    dockerFailure = throwable;
                    streamEnded.countDown();
                    super.onError(throwable);
                }
            });
            reason = follow(chunks);
        } catch (JMSRuntimeException e) {
            reason = "the manager's reply queue cannot be reached (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason = "the agent is shutting down";
        } catch (RuntimeException e) {
            reason = "it failed: " + e;
        } finally {
            close(stream);
            onEnd.accept(this);
            String why = reason;
            LOG.info(() -> "stopped following the logs of unit " + unitId + " (command " + commandId + "): " + why);
        }
    }

    private String follow(Chunks chunks) throws InterruptedException {
        while (true) {
            boolean finished = streamEnded.await(POLL_MILLIS, TimeUnit.MILLISECONDS);
            Instant now = Instant.now();
            if (stopRequested) {
                return "the manager stopped reading";
            }
            if (Duration.between(lastHeard, now).compareTo(idle) > 0) {
                return "nobody said 'still reading' for " + idle.toSeconds() + " s";
            }
            if (finished) {
                for (String text : batcher.takeAll(now)) {
                    chunks.send(text, false, null);
                }
                Throwable failure = dockerFailure;
                if (failure != null && !stopRequested) {
                    chunks.send("", true, "the Docker engine stopped streaming the logs of unit " + unitId + ": "
                            + failure.getMessage());
                    return "Docker failed: " + failure;
                }
                chunks.send("", true, null);
                return "the container stopped";
            }
            if (batcher.due(now)) {
                for (String text : batcher.take(now)) {
                    chunks.send(text, false, null);
                }
                // the first chunk says "attached" even when the tail is empty; later empty ones say "still here"
                if (chunks.sent() == 0 || Duration.between(chunks.lastSentAt(), now).compareTo(TICK) >= 0) {
                    chunks.send("", false, null);
                }
            }
        }
    }

    private static void close(ResultCallback.Adapter<Frame> stream) {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                LOG.fine(() -> "log stream did not close cleanly: " + e);
            }
        }
    }

    /** Numbers and sends the chunks of this follower's answer. */
    private final class Chunks {
        private final JMSContext jms;
        private final JMSProducer producer;
        private long sequence;
        private Instant lastSentAt = Instant.now();

        Chunks(JMSContext jms, JMSProducer producer) {
            this.jms = jms;
            this.producer = producer;
        }

        long sent() {
            return sequence;
        }

        Instant lastSentAt() {
            return lastSentAt;
        }

        void send(String text, boolean end, String error) {
            UnitLogs chunk = error == null ? UnitLogs.chunk(unitId, sequence, text, end)
                    : UnitLogs.failed(unitId, sequence, error);
            producer.send(replyTo, Messages.text(jms, MessageType.LOGS, chunk,
                    Map.of(Messages.UNIT_ID, unitId, Messages.COMMAND_ID, commandId)));
            sequence++;
            lastSentAt = Instant.now();
        }
    }
}
