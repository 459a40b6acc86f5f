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
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(bindAddress, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
