package dev.berth.agent.logs.control;

import com.github.dockerjava.api.DockerClient;
import dev.berth.agent.containers.control.Containers;
import dev.berth.agent.containers.control.DockerClients;
import dev.berth.agent.platform.AgentConfiguration;
import dev.berth.agent.platform.AgentJms;
import dev.berth.protocol.ReadLogs;
import dev.berth.protocol.UnitLogs;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The followed log streams of this host: starts a {@link LogFollower} per LOGS command with {@code follow}, each on
 * its own managed thread (a stream may last hours; it must not hold a session of the command consumer, nor a thread
 * of a shared pool), at most {@code berth.agent.max-log-followers} at a time; keeps them alive on the manager's
 * "still reading" and stops them on its "stop".
 */
@ApplicationScoped
public class LogFollowers {

    private static final Logger LOG = Logger.getLogger(LogFollowers.class.getName());

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Resource(lookup = AgentJms.CONNECTION_FACTORY)
    ConnectionFactory factory;

    @Inject
    Containers containers;

    @Inject
    AgentConfiguration config;

    private final Map<String, LogFollower> active = new ConcurrentHashMap<>();
    /** Its own client: the shared one gives up on an answer silent for 60 s, and a followed log may be silent. */
    private DockerClient streaming;

    @PostConstruct
    void connect() {
        streaming = DockerClients.build(config.dockerHost(), config.maxLogFollowers() + 2, null);
    }

    /**
     * Starts following the unit's logs to {@code replyTo}; the answer to send now instead when there is nothing to
     * follow (no container, engine down) or this host follows too many streams already.
     */
    public synchronized Optional<UnitLogs> follow(ReadLogs command, Destination replyTo) {
        long unitId = command.unitId();
        if (active.containsKey(command.commandId())) {
            return Optional.empty(); // the same command delivered again: it is followed already
        }
        if (active.size() >= config.maxLogFollowers()) {
            return Optional.of(UnitLogs.busy("host " + config.host() + " already follows " + active.size()
                    + " log streams, its limit (BERTH_AGENT_MAX_LOG_FOLLOWERS); close one, or read without follow",
                    unitId));
        }
        try {
            Optional<String> container = containers.containerIdOf(unitId);
            if (container.isEmpty()) {
                return Optional.of(UnitLogs.failed(unitId, 0, containers.noContainer(unitId)));
            }
            LogFollower follower = new LogFollower(command.commandId(), unitId,
                    Containers.logsCommand(streaming, container.get(), command.logs()).withFollowStream(true),
                    factory, replyTo, config.logFollowIdle(), this::ended);
            active.put(command.commandId(), follower);
            threads.newThread(follower).start();
            LOG.info(() -> "following the logs of unit " + unitId + " (command " + command.commandId() + "); "
                    + active.size() + " of at most " + config.maxLogFollowers() + " streams");
            return Optional.empty();
        } catch (RuntimeException e) {
            active.remove(command.commandId());
            return Optional.of(UnitLogs.failed(unitId, 0, containers.unreadable(unitId, e)));
        }
    }

    /** The manager still reads the stream of this LOGS command; unknown ones (ended already): nothing to do. */
    public void stillReading(String commandId) {
        Optional.ofNullable(active.get(commandId)).ifPresent(LogFollower::stillReading);
    }

    /** The manager stopped reading the stream of this LOGS command. */
    public void stop(String commandId) {
        Optional.ofNullable(active.get(commandId)).ifPresent(LogFollower::stop);
    }

    /** How many streams this host follows now. */
    public int count() {
        return active.size();
    }

    private void ended(LogFollower follower) {
        active.remove(follower.commandId(), follower);
    }

    @PreDestroy
    void stopAll() {
        active.values().forEach(LogFollower::stop);
        try {
            streaming.close();
        } catch (IOException e) {
            LOG.fine(() -> "streaming Docker client did not close cleanly: " + e);
        }
    }
}
