package dev.berth.agent.observation.boundary;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.berth.agent.containers.control.ContainerLabels;
import dev.berth.agent.containers.control.DockerClients;
import dev.berth.agent.platform.AgentConfiguration;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Follows the engine's events for Berth's containers of this host (die, start, destroy, health) and reports each at
 * once; reports a whole inventory when the agent starts, when the event stream comes back after the engine was away
 * (a restart of {@code dockerd}), and every {@code berth.agent.inventory-seconds}. A tick every two seconds opens
 * the stream again when it broke and sends an inventory that is due; an inventory the broker or the engine refused
 * stays due. The stream uses a Docker client of its own: it holds its connection for as long as it lasts.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class EngineWatcher {

    static final Duration TICK = Duration.ofSeconds(2);
    private static final Logger LOG = Logger.getLogger(EngineWatcher.class.getName());

    @Resource
    TimerService timers;

    @Inject
    AgentConfiguration config;

    @EJB
    Observations observations;

    private DockerClient events;
    private volatile Follower stream;
    private volatile String inventoryCause = "start";
    private volatile Instant nextInventory = Instant.MIN;
    private volatile boolean failing;

    @PostConstruct
    void start() {
        events = DockerClients.build(config.dockerHost(), 1, null);
        timers.createIntervalTimer(0, TICK.toMillis(), new TimerConfig("engine-watch", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        Follower current = stream;
        if (current == null || current.ended) {
            follow();
        }
        Instant now = Instant.now();
        if (inventoryCause == null && now.isBefore(nextInventory)) {
            return;
        }
        String cause = inventoryCause == null ? "inventory" : inventoryCause;
        try {
            int count = observations.inventory(cause);
            inventoryCause = null;
            nextInventory = now.plus(config.inventory());
            if (failing || !"inventory".equals(cause)) {
                LOG.info(() -> "inventory of host " + config.host() + " (" + cause + "): " + count + " container(s)");
            }
            failing = false;
        } catch (RuntimeException e) {
            // the engine or the broker is away; the heartbeat says which. Tried again at the next tick
            inventoryCause = cause;
            LOG.log(failing ? Level.FINE : Level.WARNING, "inventory of host " + config.host() + " not sent, will"
                    + " retry: " + e.getMessage());
            failing = true;
        }
    }

    /** Opens the engine's event stream; when it ends (the engine went away), the next tick opens it again. */
    private void follow() {
        Follower follower = new Follower();
        stream = follower;
        try {
            events.eventsCmd().withEventTypeFilter(EventType.CONTAINER)
                    .withLabelFilter(Map.of(ContainerLabels.MANAGED, "true", ContainerLabels.HOST, config.host()))
                    .withEventFilter("die", "start", "destroy", "health_status")
                    .exec(follower);
        } catch (RuntimeException e) {
            follower.onError(e);
        }
    }

    /** One opening of the event stream; ended once the engine ends it or it fails. */
    private final class Follower extends ResultCallback.Adapter<Event> {

        volatile boolean ended;

        @Override
        public void onNext(Event event) {
            report(event);
        }

        @Override
        public void onError(Throwable error) {
            lost(this, error.toString());
        }

        @Override
        public void onComplete() {
            lost(this, "the engine ended the stream");
        }
    }

    private void report(Event event) {
        String action = event.getAction() == null ? "" : event.getAction();
        // "health_status: healthy" and the like
        String kind = action.startsWith("health_status") ? "health_status" : action;
        try {
            observations.event(kind, event.getId(),
                    event.getActor() == null ? Map.of() : event.getActor().getAttributes());
        } catch (RuntimeException e) {
            // the broker or the engine is away: an inventory, as soon as one goes through, brings what was missed
            LOG.log(Level.FINE, "event " + kind + " of container " + event.getId() + " not reported", e);
            inventoryCause = "missed event";
        }
    }

    private void lost(Follower follower, String why) {
        if (follower.ended) {
            return;
        }
        follower.ended = true;
        if (!failing) {
            LOG.info(() -> "the event stream of host " + config.host() + "'s engine ended (" + why + "); following"
                    + " it again, then an inventory");
        }
        inventoryCause = "reconnect";
    }

    @PreDestroy
    void stop() {
        try {
            Follower open = stream;
            if (open != null) {
                open.ended = true;
                open.close();
            }
            events.close();
        } catch (IOException e) {
            LOG.fine(() -> "the event client did not close cleanly: " + e);
        }
    }
}
