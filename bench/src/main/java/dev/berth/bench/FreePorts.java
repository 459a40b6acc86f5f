package dev.berth.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

/** Ports free now and never handed out twice in this run, so no iteration meets the previous one's leftovers. */
final class FreePorts {

    // away from the system tests' 20000..25000, so that both can run at once
    private static final AtomicInteger NEXT = new AtomicInteger(30000 + (int) (ProcessHandle.current().pid() % 20000));

    private FreePorts() {
    }

    static int next() {
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
