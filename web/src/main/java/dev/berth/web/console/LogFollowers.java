package dev.berth.web.console;

import dev.berth.platform.entity.BerthException;
import dev.berth.units.control.LogStream;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.faces.event.WebsocketEvent;
import jakarta.faces.push.Push;
import jakarta.faces.push.PushContext;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The console's followed logs: each stream ({@link LogStream}) is opened and copied on a managed thread to its page's
 * websocket (channel {@value #CHANNEL}, addressed to the page's {@link LogViewer}), chunk by chunk. A stream ends
 * when its container stops, when the page asks, when the page follows again, or when nobody reads it any more: the
 * page's socket closed (the tab closed, the browser went to another page), or, checked every
 * {@link #READERS_CHECK}, no socket of the page is open. Then the agent's follower is told to stop, as for the
 * API's followers.
 */
@ApplicationScoped
public class LogFollowers {

    static final String CHANNEL = "unitLogs";
    /** How often every followed stream's page is asked whether it is still open. */
    static final Duration READERS_CHECK = Duration.ofSeconds(5);
    /** Longer than a stream's own wait for the agent's first answer, which ends the opening either way. */
    private static final Duration OPENING = Duration.ofSeconds(60);
    private static final Logger LOG = Logger.getLogger(LogFollowers.class.getName());

    @Inject
    @Push(channel = CHANNEL)
    PushContext push;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** A page's followed stream, and its number among that page's follows. */
    private record Following(LogStream stream, int number) {
    }

    private final Map<LogViewer, Following> open = new ConcurrentHashMap<>();
    private ScheduledFuture<?> check;

    @PostConstruct
    void checkReaders() {
        check = scheduler.scheduleWithFixedDelay(this::stopUnread, READERS_CHECK.toMillis(),
                READERS_CHECK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Opens {@code stream} and streams it to the viewer's page, ending what that page followed before. The stream is
     * opened, read and closed on one managed thread (its JMS connection belongs to that thread's work, not to the
     * page's request); the caller waits for the opening, so that a refusal (no container, the agent busy or silent)
     * is still thrown to it.
     *
     * @param number the page's count of its follows: its messages carry it, so that a page can tell a late line
     *               of an earlier follow from the current one's
     */
    void follow(LogViewer viewer, int number, LogStream stream) {
        stop(viewer, "it follows again");
        Following following = new Following(stream, number);
        open.put(viewer, following);
        CompletableFuture<Void> opened = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                stream.open();
            } catch (RuntimeException e) {
                open.remove(viewer, following);
                opened.completeExceptionally(e);
                return;
            }
            opened.complete(null);
            copy(viewer, following);
        });
        try {
            opened.get(OPENING.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException refusal ? refusal : new IllegalStateException(e);
        } catch (TimeoutException e) {
            stream.stop();
            throw BerthException.unavailable("the logs did not open within " + OPENING.toSeconds() + " s; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stream.stop();
            throw BerthException.unavailable("interrupted while the logs opened; try again");
        }
    }

    /** Ends the viewer's followed stream, if any, within about a second. */
    void stop(LogViewer viewer, String why) {
        Following following = open.remove(viewer);
        if (following != null) {
            LOG.info(() -> "the console stops following logs for a page: " + why);
            following.stream().stop();
        }
    }

    /** A page's log socket closed: nobody reads its stream any more. */
    void socketClosed(@Observes @WebsocketEvent.Closed WebsocketEvent event) {
        if (event.getUser() instanceof LogViewer viewer) {
            stop(viewer, "its websocket closed");
        }
    }

    /** Stops each stream whose page has no open socket: a push to it reaches nobody. */
    private void stopUnread() {
        open.forEach((viewer, following) -> {
            if (push.send(Map.of("follow", following.number(), "alive", true), viewer).isEmpty()) {
                stop(viewer, "no websocket of the page is open");
            }
        });
    }

    @PreDestroy
    void stopAll() {
        check.cancel(false);
        open.keySet().forEach(viewer -> stop(viewer, "the application stops"));
    }

    private void copy(LogViewer viewer, Following following) {
        int number = following.number();
        try (LogStream stream = following.stream()) {
            stream.copyTo(new Pushed(viewer, number));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.INFO, "a followed log stream of the console broke off", e);
            push.send(Map.of("follow", number, "text", "\n[berth] the stream broke off; follow again\n"), viewer);
        } finally {
            open.remove(viewer, following);
            push.send(Map.of("follow", number, "end", true), viewer);
        }
    }

    /** What the stream writes, pushed at each flush (the stream flushes after every chunk). */
    private final class Pushed extends OutputStream {
        private final LogViewer viewer;
        private final int number;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        Pushed(LogViewer viewer, int number) {
            this.viewer = viewer;
            this.number = number;
        }

        @Override
        public void write(int b) {
            buffer.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            buffer.write(bytes, offset, length);
        }

        @Override
        public void flush() {
            if (buffer.size() > 0) {
                String text = buffer.toString(StandardCharsets.UTF_8);
                buffer.reset();
                push.send(Map.of("follow", number, "text", text), viewer);
            }
        }
    }
}
