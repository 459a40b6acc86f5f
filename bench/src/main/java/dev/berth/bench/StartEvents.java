package dev.berth.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Docker's {@code start} events, by container name: the moment from which a unit's port is probed on both paths.
 *
 * <p>Why not probe from the first moment: a probe that reaches a unit's published port while its container is still
 * starting is accepted by docker-proxy, and then the container's first answer, to that probe and to every later one,
 * comes about a second late. Measured here: without such early probes a unit answers within a few ms of its start
 * event; with them, often about 1 s later, with the container's address left {@code INCOMPLETE} in the bridge's
 * neighbour table (whose retransmit time is 1000 ms), so most likely address resolution that had to be retried. The
 * benchmark would then measure its own probing. The agent probes only after Docker's start has returned, and so
 * does this benchmark, on both paths.
 */
final class StartEvents implements AutoCloseable {

    private final Map<String, CompletableFuture<Long>> awaited = new ConcurrentHashMap<>();
    private final ResultCallback.Adapter<Event> subscription;

    StartEvents(DockerClient docker) throws InterruptedException {
        subscription = docker.eventsCmd()
                .withEventTypeFilter(EventType.CONTAINER)
                .withEventFilter("start")
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Event event) {
                        long now = System.nanoTime();
                        String name = event.getActor() == null || event.getActor().getAttributes() == null ? null
                                : event.getActor().getAttributes().get("name");
                        CompletableFuture<Long> waiting = name == null ? null : awaited.remove(name);
                        if (waiting != null) {
                            waiting.complete(now);
                        }
                    }
                });
        if (!subscription.awaitStarted(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("could not subscribe to Docker's events within 10 s");
        }
    }

    /** Expects the start of the container named {@code name}; call before setting it going. */
    Expected expect(String name) {
        CompletableFuture<Long> started = new CompletableFuture<>();
        awaited.put(name, started);
        return new Expected(name, started);
    }

    /** A start to come. */
    final class Expected {

        private final String name;
        private final CompletableFuture<Long> started;

        private Expected(String name, CompletableFuture<Long> started) {
            this.name = name;
            this.started = started;
        }

        /** The {@link System#nanoTime()} at which the start event arrived; waits at most until the deadline. */
        long await(long startNanos, Duration deadline) throws TimeoutException {
            long left = startNanos + deadline.toNanos() - System.nanoTime();
            try {
                return started.get(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new TimeoutException("container " + name + " was not started within " + deadline.toSeconds()
                        + " s");
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for container " + name, e);
            } finally {
                awaited.remove(name, started);
            }
        }
    }

    @Override
    public void close() throws IOException {
        subscription.close();
    }
}
