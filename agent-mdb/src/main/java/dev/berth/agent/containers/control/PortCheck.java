package dev.berth.agent.containers.control;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Whether a port is free on this host, by trying to bind it: the only test that sees every holder, Docker's or not.
 */
public final class PortCheck {

    private PortCheck() {
    }

    public static boolean isFree(String bindAddress, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // SO_REUSEADDR: a listener still refuses the bind, but connections in TIME_WAIT (left by readiness probes
            // through docker-proxy of a container just stopped) do not make a free port look busy
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(bindAddress, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
