package dev.berth.bench;

import dev.berth.agent.containers.control.Readiness;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * How a unit shows that it is up, one attempt at a time: the check both paths end on, the same as the agent's for
 * the image (its label {@value Readiness#LABEL}). A TCP connect alone proves nothing for either, since docker-proxy
 * accepts connections before the unit's process listens.
 */
enum Check {

    /** A GET answered with a status line starting {@code HTTP/}; connect and read time out after 1 s. */
    HTTP("http", "HTTP answer", "a GET answered with an HTTP status line") {
        @Override
        boolean answers(int port) {
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
    },

    /**
     * The esProc SPL node answers its task count in its own protocol: the agent's own check
     * ({@link Readiness#answers}), with a 1 s connect timeout and a 1 s deadline on every read.
     */
    ESPROC("esproc", "node answering", "the esProc node answering its task count in esProc's protocol") {
        @Override
        boolean answers(int port) {
            return Readiness.answers(kind(), ADDRESS, port);
        }
    };

    static final String ADDRESS = "127.0.0.1";
    static final int TIMEOUT_MILLIS = 1000;

    private final String kind;
    private final String event;
    private final String meaning;

    Check(String kind, String event, String meaning) {
        this.kind = kind;
        this.event = event;
        this.meaning = meaning;
    }

    /** One attempt: whether the unit on {@code port} answers now. */
    abstract boolean answers(int port);

    /** The value of the image label {@value Readiness#LABEL} that asks the agent for this check. */
    String kind() {
        return kind;
    }

    /** The event timed, for the report: {@code HTTP answer}, {@code node answering}. */
    String event() {
        return event;
    }

    /** What counts as an answer, for the report. */
    String meaning() {
        return meaning;
    }
}
