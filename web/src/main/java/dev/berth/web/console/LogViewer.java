package dev.berth.web.console;

import java.io.Serializable;
import java.util.UUID;

/**
 * One open unit page as its followed logs' websocket knows it (the socket's {@code user}): a random id, so that a
 * page's log lines reach that page only, and its socket's closing names the follower to stop.
 */
public record LogViewer(UUID id) implements Serializable {

    static LogViewer next() {
        return new LogViewer(UUID.randomUUID());
    }
}
