package dev.berth.agent.containers.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Whether a unit's process answers at the application level. A TCP connect proves nothing: docker-proxy accepts
 * connections before the process listens. The image says how to ask it, with the label {@code berth.readiness}:
 * {@code http} (any HTTP status line; the default) or {@code esproc} (an esProc SPL node server answers a question in
 * its own protocol, see {@link EsprocProbe}).
 */
public final class Readiness {

    /** Image label naming the readiness check; {@code http} when absent. */
    public static final String LABEL = "berth.readiness";

    private static final int TIMEOUT_MILLIS = 1000;

    private Readiness() {
    }

    /** Whether {@code kind} is a check this agent knows. */
    public static boolean knows(String kind) {
        return switch (normal(kind)) {
            case "http", "esproc" -> true;
            default -> false;
        };
    }

    /** One attempt; false when the process does not (yet) answer. */
    public static boolean answers(String kind, String address, int port) {
        return switch (normal(kind)) {
            case "http" -> answersHttp(address, port);
            case "esproc" -> EsprocProbe.maxTasks(address, port, TIMEOUT_MILLIS).isPresent();
            default -> throw new IllegalArgumentException("unknown readiness check '" + kind + "'");
        };
    }

    private static String normal(String kind) {
        return kind == null || kind.isBlank() ? "http" : kind.trim().toLowerCase(Locale.ROOT);
    }

    /** An HTTP status line in answer to a GET: any status will do, the server is up. */
    static boolean answersHttp(String address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.0\r\nHost: " + address + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(5);
            return new String(head, StandardCharsets.US_ASCII).equals("HTTP/");
        } catch (IOException e) {
            return false;
        }
    }
}
