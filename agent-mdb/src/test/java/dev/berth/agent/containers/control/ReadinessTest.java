package dev.berth.agent.containers.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.scudata.parallel.Response;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
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
    void isReadyWhenAnEsprocNodeAnswersItsProtocol() throws IOException {
        try (ServerSocket socket = listen()) {
            serveObject(socket, new Response(4));

            assertThat(Readiness.answers("esproc", "127.0.0.1", socket.getLocalPort())).isTrue();
            assertThat(Readiness.knows("esproc")).isTrue();
        }
    }

    @Test
    void isNotReadyWhenAnHttpServerAnswersAnEsprocCheck() throws IOException {
        try (ServerSocket socket = listen()) {
            serve(socket, "HTTP/1.0 400 Bad Request\r\n\r\n");

            assertThat(Readiness.answers("esproc", "127.0.0.1", socket.getLocalPort())).isFalse();
        }
    }

    @Test
    void isNotReadyWhenTheNodeAcceptsButNeverAnswers() throws IOException {
        CountDownLatch checked = new CountDownLatch(1);
        try (ServerSocket socket = listen()) {
            server.submit(() -> {
                // holds the connection open and silent until the check has given up
                try (Socket client = socket.accept()) {
                    checked.await();
                }
                return null;
            });

            assertThat(Readiness.answers("esproc", "127.0.0.1", socket.getLocalPort())).isFalse();
        } finally {
            checked.countDown();
        }
    }

    @Test
    void neverMakesAnObjectAContainerSendsOtherThanAnAnswer() throws IOException {
        Planted.made = 0;
        try (ServerSocket socket = listen()) {
            Response response = new Response(4);
            response.setResult(new Planted());
            serveObject(socket, response);

            assertThat(Readiness.answers("esproc", "127.0.0.1", socket.getLocalPort())).isFalse();
        }
        assertThat(Planted.made).as("objects deserialised from the container's answer").isZero();
    }

    /** Stands for a gadget class: counts how often deserialisation brought one to life. */
    static final class Planted implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile int made;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            made++;
        }
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

    /** Answers like an esProc node: an object stream, one request read, one object written. */
    private void serveObject(ServerSocket socket, Object answer) {
        server.submit(() -> {
            try (Socket client = socket.accept()) {
                ObjectOutputStream out = new ObjectOutputStream(new BufferedOutputStream(client.getOutputStream()));
                out.flush();
                new ObjectInputStream(new BufferedInputStream(client.getInputStream())).readObject();
                out.writeObject(answer);
                out.flush();
            }
            return null;
        });
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
