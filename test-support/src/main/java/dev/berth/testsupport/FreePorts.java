package dev.berth.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports free now on every interface and never handed out twice in this JVM, so that nothing meets an earlier
 * user's leftovers. Each JVM starts at a place of its own (by its pid), so that a system test run and a benchmark
 * can run side by side.
 * <p>
 * Below Linux's ephemeral ports (32768 and up): inside a unit's container Docker's DNS resolver listens on a port
 * drawn from that range at every start, and a unit whose port it drew cannot bind it ("Address already in use"). CI
 * met that once (DriftIT; see docs/operations.md, "Unit ports").
 */
public final class FreePorts {

    private static final int FIRST = 10000;
    private static final int LAST = 32767;
    private static final AtomicInteger NEXT = new AtomicInteger(FIRST + (int) (ProcessHandle.current().pid() % 10000));

    private FreePorts() {
    }

    public static int next() {
        while (true) {
            int port = NEXT.incrementAndGet();
            if (port > LAST) {
                throw new IllegalStateException("ran out of ports to try");
            }
            try (ServerSocket socket = new ServerSocket()) {
                // units publish on 0.0.0.0, so the port must be free on every interface
                socket.bind(new InetSocketAddress("0.0.0.0", port));
                return port;
            } catch (IOException taken) {
                // try the next one
            }
        }
    }
}
