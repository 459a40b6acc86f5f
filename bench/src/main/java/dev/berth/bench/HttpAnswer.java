package dev.berth.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * The readiness check both paths end on, the same as the agent's: a GET answered with an HTTP status line. A TCP
 * connect alone proves nothing, since docker-proxy accepts connections before the unit's process listens.
 */
final class HttpAnswer {

    static final Duration POLL = Duration.ofMillis(10);
    private static final int TIMEOUT_MILLIS = 1000;
    private static final String ADDRESS = "127.0.0.1";

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
     * Polls the port every {@link #POLL} until it answers and returns the nanoseconds since {@code startNanos}
     * (a {@link System#nanoTime()} taken by the caller just before it set things going).
     */
    static long awaitSince(long startNanos, int port, Duration deadline) throws TimeoutException {
        long end = startNanos + deadline.toNanos();
        while (true) {
            if (answers(port)) {
                return System.nanoTime() - startNanos;
            }
            if (System.nanoTime() - end > 0) {
                throw new TimeoutException("port " + port + " did not answer HTTP within " + deadline.toSeconds()
                        + " s");
            }
            LockSupport.parkNanos(POLL.toNanos());
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for port " + port);
            }
        }
    }

    static double millis(long nanos) {
        return nanos / (double) TimeUnit.MILLISECONDS.toNanos(1);
    }
}
