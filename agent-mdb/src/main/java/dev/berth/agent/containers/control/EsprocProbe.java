package dev.berth.agent.containers.control;

import com.scudata.parallel.Request;
import com.scudata.parallel.Response;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;
import java.util.Set;

/**
 * Asks an esProc SPL node server a real question in its own protocol: how many tasks it takes
 * ({@code SERVER_GETUNITS_MAXNUM}). esProc's {@code UnitClient.isAlive()} only opens a socket, which docker-proxy
 * accepts before the node listens, and its reads have no timeout; so the agent speaks the protocol itself, with a
 * deadline on every read.
 * <p>
 * The protocol is Java serialization. What a container sends back is not trusted (a user's node may run anything), so
 * the answer is read through a filter that admits only esProc's {@code Response} holding an {@code Integer}, in a few
 * hundred bytes: no other class is ever instantiated from it.
 */
final class EsprocProbe {

    private static final Set<String> ANSWER_CLASSES = Set.of(
            Response.class.getName(), Integer.class.getName(), Number.class.getName());
    private static final long MAX_ANSWER_BYTES = 4096;

    private EsprocProbe() {
    }

    /** The node's maximum task count, or empty when it does not (yet) answer as an esProc node. */
    static Optional<Integer> maxTasks(String address, int port, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(timeoutMillis);
            socket.connect(new InetSocketAddress(address, port), timeoutMillis);
            ObjectOutputStream out = new ObjectOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            out.writeObject(new Request(Request.SERVER_GETUNITS_MAXNUM));
            out.flush();
            ObjectInputStream in = new ObjectInputStream(new BufferedInputStream(socket.getInputStream()));
            in.setObjectInputFilter(EsprocProbe::onlyAnAnswer);
            return in.readObject() instanceof Response response && response.getResult() instanceof Integer tasks
                    ? Optional.of(tasks) : Optional.empty();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static ObjectInputFilter.Status onlyAnAnswer(ObjectInputFilter.FilterInfo info) {
        if (info.streamBytes() > MAX_ANSWER_BYTES || info.depth() > 3 || info.arrayLength() >= 0) {
            return ObjectInputFilter.Status.REJECTED;
        }
        Class<?> type = info.serialClass();
        if (type == null) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        return ANSWER_CLASSES.contains(type.getName()) ? ObjectInputFilter.Status.ALLOWED
                : ObjectInputFilter.Status.REJECTED;
    }
}
