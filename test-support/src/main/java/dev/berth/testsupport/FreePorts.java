package dev.berth.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports free now on every interface and never handed out twice in this JVM, so that nothing meets an earlier
 * user's leftovers. Each JVM starts at a place of its own (by its pid), so that a system test run and a benchmark
 * can run side by side.
 */
public final class FreePorts {

    private static final AtomicInteger NEXT = new AtomicInteger(20000 + (int) (ProcessHandle.current().pid() % 30000));

    private FreePorts() {
    }

    public static int next() {
        while (true) {
            int port = NEXT.incrementAndGet();
            if (port > 65000) {
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
