package dev.berth.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watching a unit's port until it first answers a {@link Check}, the event both paths are timed to.
 *
 * <p>A new attempt starts every {@link #POLL}, whether or not earlier ones have finished: an attempt that docker-proxy
 * accepts but cannot yet forward hangs until its 1 s read timeout (an esProc attempt may wait on two reads), and an
 * attempt-after-attempt loop would then see the unit up to a second or two late. With overlapping attempts the first
 * answer is seen within one poll interval.
 */
final class Answer {

    static final Duration POLL = Duration.ofMillis(10);

    private static final ScheduledExecutorService TICKS = Executors.newSingleThreadScheduledExecutor(
            daemons("bench-poll-tick"));
    /** A thread per attempt in flight, never a queue: a queued attempt would start late. */
    private static final ExecutorService ATTEMPTS = Executors.newCachedThreadPool(daemons("bench-poll-attempt"));

    private Answer() {
    }

    /**
     * Starts asking the port now, in the background; {@link Watch#await} gives the nanoseconds from
     * {@code startNanos} (a {@link System#nanoTime()} the caller took just before it set things going) to the first
     * answer.
     */
    static Watch watch(Check check, int port, long startNanos) {
        return new Watch(check, port, startNanos);
    }

    /** Asking one port until it first answers. */
    static final class Watch implements AutoCloseable {

        private final Check check;
        private final int port;
        private final long startNanos;
        private final CompletableFuture<Long> answered = new CompletableFuture<>();
        private final ScheduledFuture<?> ticking;

        private Watch(Check check, int port, long startNanos) {
            this.check = check;
            this.port = port;
            this.startNanos = startNanos;
            this.ticking = TICKS.scheduleAtFixedRate(this::attempt, 0, POLL.toNanos(), TimeUnit.NANOSECONDS);
        }

        private void attempt() {
            if (answered.isDone()) {
                return;
            }
            ATTEMPTS.execute(() -> {
                if (!answered.isDone() && check.answers(port)) {
                    answered.complete(System.nanoTime() - startNanos);
                }
            });
        }

        /** Nanoseconds from the start to the first answer; waits at most {@code deadline} from the start. */
        long await(Duration deadline) throws TimeoutException {
            long left = startNanos + deadline.toNanos() - System.nanoTime();
            try {
                return answered.get(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new TimeoutException("port " + port + " gave no " + check.event() + " (" + check.meaning()
                        + ") within " + deadline.toSeconds() + " s");
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for port " + port, e);
            } finally {
                close();
            }
        }

        /** Stops asking; attempts still open end with their own timeouts. */
        @Override
        public void close() {
            ticking.cancel(false);
        }
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
