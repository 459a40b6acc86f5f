package dev.berth.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
 * The readiness check both paths end on, the same as the agent's: a GET answered with an HTTP status line. A TCP
 * connect alone proves nothing, since docker-proxy accepts connections before the unit's process listens.
 *
 * <p>A new attempt starts every {@link #POLL}, whether or not earlier ones have finished: an attempt that docker-proxy
 * accepts but cannot yet forward hangs until its 1 s read timeout, and an attempt-after-attempt loop would then see
 * the unit up to a second late. With overlapping attempts the first answer is seen within one poll interval.
 */
final class HttpAnswer {

    static final Duration POLL = Duration.ofMillis(10);
    private static final int TIMEOUT_MILLIS = 1000;
    private static final String ADDRESS = "127.0.0.1";
    /** More than the attempts a 1 s timeout can keep open at once, so attempts never queue. */
    private static final int MAX_ATTEMPTS_IN_FLIGHT = 2 * TIMEOUT_MILLIS / (int) POLL.toMillis() + 16;

    private static final ScheduledExecutorService TICKS = Executors.newSingleThreadScheduledExecutor(
            daemons("bench-poll-tick"));
    private static final ExecutorService ATTEMPTS = Executors.newFixedThreadPool(MAX_ATTEMPTS_IN_FLIGHT,
            daemons("bench-poll-attempt"));

    private HttpAnswer() {
    }

    /** One attempt: whether the port answers a GET with a status line starting {@code HTTP/}. */
    static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(ADDRESS, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.0\r\nHost: " + ADDRESS + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(5), StandardCharsets.US_ASCII).equals("HTTP/");
        } catch (IOException notYet) {
            return false;
        }
    }

    /**
     * Starts polling the port now, in the background; {@link Watch#await} gives the nanoseconds from
     * {@code startNanos} (a {@link System#nanoTime()} the caller took just before it set things going) to the first
     * answer.
     */
    static Watch watch(int port, long startNanos) {
        return new Watch(port, startNanos);
    }

    /** Polling of one port until it first answers. */
    static final class Watch implements AutoCloseable {

        private final int port;
        private final long startNanos;
        private final CompletableFuture<Long> answered = new CompletableFuture<>();
        private final ScheduledFuture<?> ticking;

        private Watch(int port, long startNanos) {
            this.port = port;
            this.startNanos = startNanos;
            this.ticking = TICKS.scheduleAtFixedRate(this::attempt, 0, POLL.toNanos(), TimeUnit.NANOSECONDS);
        }

        private void attempt() {
            if (answered.isDone()) {
                return;
            }
            ATTEMPTS.execute(() -> {
                if (!answered.isDone() && answers(port)) {
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
                throw new TimeoutException("port " + port + " did not answer HTTP within " + deadline.toSeconds()
                        + " s");
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for port " + port, e);
            } finally {
                close();
            }
        }

        /** Stops polling; attempts still open end with their own timeout. */
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

    static double millis(long nanos) {
        return nanos / (double) TimeUnit.MILLISECONDS.toNanos(1);
    }
}
