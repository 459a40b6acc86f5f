package dev.berth.agent.containers.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Readiness against real sockets: what docker-proxy does (accept, then close) must not count as ready. */
class ReadinessTest {

    private final ExecutorService server = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        server.shutdownNow();
    }

    @Test
    void isReadyWhenAnHttpServerAnswers() throws IOException {
        try (ServerSocket socket = listen()) {
            serve(socket, "HTTP/1.0 404 Not Found\r\n\r\n");

            assertThat(Readiness.answers("http", "127.0.0.1", socket.getLocalPort())).isTrue();
        }
    }

    @Test
    void isNotReadyWhenTheConnectionIsAcceptedAndClosedLikeDockerProxyDoes() throws IOException {
        try (ServerSocket socket = listen()) {
            serve(socket, "");

            assertThat(Readiness.answers("http", "127.0.0.1", socket.getLocalPort())).isFalse();
        }
    }

    @Test
    void isNotReadyWhenNothingListens() throws IOException {
        int port;
        try (ServerSocket socket = listen()) {
            port = socket.getLocalPort();
        }
        assertThat(Readiness.answers("http", "127.0.0.1", port)).isFalse();
    }

    @Test
    void takesHttpWhenTheImageSaysNothingAndRefusesUnknownChecks() {
        assertThat(Readiness.knows(null)).isTrue();
        assertThat(Readiness.knows(" HTTP ")).isTrue();
        assertThat(Readiness.knows("smoke-signals")).isFalse();
        assertThatThrownBy(() -> Readiness.answers("smoke-signals", "127.0.0.1", 1))
                .hasMessageContaining("unknown readiness check 'smoke-signals'");
    }

    @Test
    void seesAPortHeldByAnotherProcessAsBusy() throws IOException {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            assertThat(PortCheck.isFree("0.0.0.0", held.getLocalPort())).isFalse();
        }
        try (ServerSocket probe = new ServerSocket(0)) {
            int port = probe.getLocalPort();
            probe.close();
            assertThat(PortCheck.isFree("0.0.0.0", port)).isTrue();
        }
    }

    private static ServerSocket listen() throws IOException {
        return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    private void serve(ServerSocket socket, String answer) {
        server.submit(() -> {
            try (Socket client = socket.accept(); OutputStream out = client.getOutputStream()) {
                out.write(answer.getBytes(StandardCharsets.US_ASCII));
            }
            return null;
        });
    }
}
