package dev.berth.agent.containers.control;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import dev.berth.agent.isolation.control.HostFirewall;
import dev.berth.agent.isolation.control.HostFirewall.FirewallException;
import dev.berth.agent.isolation.control.UnitFiles;
import dev.berth.agent.isolation.control.UnitNetworks;
import dev.berth.agent.isolation.control.UnitNetworks.UserNetwork;
import dev.berth.agent.platform.AgentConfiguration;
import dev.berth.protocol.AgentCommand;
import dev.berth.protocol.AgentResult;
import dev.berth.protocol.AllowClients;
import dev.berth.protocol.ContainerSpec;
import dev.berth.protocol.DeleteUnit;
import dev.berth.protocol.LogRequest;
import dev.berth.protocol.ObservedState;
import dev.berth.protocol.ReadLogs;
import dev.berth.protocol.StartUnit;
import dev.berth.protocol.StopUnit;
import dev.berth.protocol.UnitLogs;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A unit's container on this host. Every method is idempotent and answers with the result to report; Docker's
 * failures become failed results that say what went wrong, never exceptions that would make the broker redeliver.
 */
@ApplicationScoped
public class Containers {

    static final int LOG_LINES = 20;
    static final int STOP_SECONDS = 10;
    /** More than a message should carry; ask with tail or since for the rest. */
    static final int MAX_LOG_CHARS = 4 * 1024 * 1024;
    private static final Duration POLL = Duration.ofMillis(50);
    private static final String PREVIOUS = "-previous";
    /** The states of a container that holds its published ports: those {@code docker ps} lists without {@code -a}. */
    private static final Set<String> HOLDING_STATES = Set.of("running", "paused", "restarting");
    private static final Logger LOG = Logger.getLogger(Containers.class.getName());

    @Inject
    DockerClient docker;

    @Inject
    AgentConfiguration config;

    @Inject
    UnitFiles files;

    @Inject
    UnitNetworks networks;

    @Inject
    HostFirewall firewall;

    /** Asks Docker what a start needs while the start prepares the unit's files. */
    @Resource
    ManagedExecutorService executor;

    /** The units whose start runs now: a clean-up leaves their previous containers alone. */
    private final Set<Long> starting = ConcurrentHashMap.newKeySet();

    /**
     * Starts the unit's container, making it when needed, and waits until its process answers. A container made from
     * other settings (another image, limit, file, mount, or rule of this agent) is made again, with a way back: the
     * old one is stopped and kept under the name {@link #previousName} until the new one is ready, and when the new
     * one fails the old one runs again ({@link AgentResult#rolledBack}).
     */
    public AgentResult start(StartUnit command) {
        starting.add(command.unitId());
        try {
            return startOrRollBack(command);
        } finally {
            starting.remove(command.unitId());
        }
    }

    /** Whether a start of the unit is under way on this agent now (its previous container may be needed). */
    public boolean isStarting(long unitId) {
        return starting.contains(unitId);
    }

    /** The name a unit's previous container has while a new one is being made: labels cannot change, names can. */
    public static String previousName(String name) {
        return name + PREVIOUS;
    }

    /** Whether {@code name} (as Docker lists it, with or without its leading slash) is a previous container's. */
    public static boolean isPreviousName(String name) {
        return name != null && name.endsWith(PREVIOUS);
    }

    private AgentResult startOrRollBack(StartUnit command) {
        ContainerSpec spec = command.container();
        Path shareDir = config.shareDir(spec.shareDir());
        String containerId = null;
        Previous previous = null;
        try {
            // the user's configuration is written before every start, as the guide's manager copies it in (into the
            // agent's own directory, read-only at /app/config): the container's start script copies it into esProc's
            // config dir (unchanged files: same hash, same container).
            // What the start needs of Docker is asked at once, while the home and the files are prepared here: the
            // image's labels, the user's network, the unit's own containers, and Berth's containers that publish its
            // port
            Future<Map<String, String>> imageAsked = executor.submit(() -> imageLabels(spec.image()));
            Future<UserNetwork> networkAsked = executor.submit(() -> networks.ensure(command.user(), spec.uid()));
            Future<List<Container>> ownAsked = executor.submit(() -> findAllByUnit(command.unitId()));
            Future<List<Container>> publishingAsked = executor.submit(() -> publishing(spec.port()));
            Path home = files.prepareHome(spec);
            Path configDir = files.writeConfig(command.unitId(), spec);
            Files.createDirectories(shareDir);
            UserNetwork network = answer(networkAsked);
            Optional<Container> existing = takeBackPrevious(command.unitId(), spec.name(), answer(ownAsked));
            Map<String, String> image;
            try {
                image = answer(imageAsked);
            } catch (NotFoundException e) {
                String reason = notLoaded(spec, e);
                // an update to an image this host lacks: the container the unit has runs on
                return existing.isEmpty() ? failed(command, null, reason)
                        : rollBack(command, null, keepAsPrevious(command, existing.get(), network.name()), reason);
            }
            HostConfig settings = ContainerSettings.hostConfig(spec, config.bindAddress(), home, configDir, shareDir,
                    network.name(), image.get(ContainerSettings.WRITABLE_LABEL));
            Map<String, String> labels = ContainerLabels.of(command, config.host(), settings);
            if (existing.isPresent() && !labels.get(ContainerLabels.CONFIG_HASH)
                    .equals(existing.get().getLabels().get(ContainerLabels.CONFIG_HASH))) {
                // made from other settings: the change takes effect by making it again; the old one is kept,
                // stopped (the port is the unit's one port), until the new one is ready
                previous = keepAsPrevious(command, existing.get(), network.name());
                existing = Optional.empty();
            }
            boolean running = existing.isPresent() && "running".equals(existing.get().getState());
            if (!running) {
                Optional<String> busy = portHolder(spec.port(), command.unitId(), answer(publishingAsked));
                if (busy.isPresent()) {
                    return previous != null ? rollBack(command, null, previous, busy.get())
                            : failed(command, existing.map(Container::getId).orElse(null), busy.get());
                }
            }
            // the unit's firewall rules are set while Docker makes the container, and are in place before it starts
            Future<?> rules = executor.submit(() -> firewall.allow(spec.port(), network.bridge(), spec.uid(),
                    spec.clients(), spec.peerUnits(), spec.otherHostAddresses()));
            if (existing.isPresent()) {
                containerId = existing.get().getId();
                answer(rules);
            } else {
                try {
                    containerId = create(command, labels, settings);
                } catch (RuntimeException e) {
                    awaitQuietly(rules);
                    throw e;
                }
                try {
                    answer(rules);
                } catch (FirewallException e) {
                    // never started: it goes, as it would not have been made had the rules failed first
                    remove(containerId);
                    containerId = null;
                    throw e;
                }
            }
            if (!running) {
                Optional<String> refused = startContainer(containerId, spec.port());
                if (refused.isPresent()) {
                    remove(containerId);
                    return previous != null ? rollBack(command, null, previous, refused.get())
                            : failed(command, null, refused.get());
                }
            }
            Optional<String> notReady = awaitReady(command, containerId, network.name(), image.get(Readiness.LABEL));
            if (notReady.isEmpty()) {
                if (previous != null) {
                    remove(previous.id());
                    LOG.info(() -> "unit " + command.unitId() + ": made anew; its previous container is removed");
                }
                return ok(command, ObservedState.RUNNING, containerId);
            }
            return previous != null ? rollBack(command, containerId, previous, notReady.get())
                    : notReady(command, containerId, notReady.get());
        } catch (FirewallException e) {
            return failedOrRolledBack(command, containerId, previous, "the host firewall of host " + config.host()
                    + " could not be set for port " + spec.port() + ": " + e.getMessage());
        } catch (NotFoundException e) {
            return failedOrRolledBack(command, containerId, previous, notLoaded(spec, e));
        } catch (DockerException e) {
            return failedOrRolledBack(command, containerId, previous, "Docker on host " + config.host() + " refused: "
                    + e.getMessage());
        } catch (IOException e) {
            return failedOrRolledBack(command, containerId, previous, "the home or the files of unit "
                    + command.unitId() + " could not be prepared on host " + config.host() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return failedOrRolledBack(command, containerId, previous, "the Docker engine on host " + config.host()
                    + " did not answer: " + e);
        }
    }

    /**
     * A unit's old container, stopped and renamed while its successor is made.
     *
     * @param readiness the readiness check of the image it was made from
     */
    private record Previous(String id, String network, String readiness) {
    }

    /**
     * The unit's container, after undoing a recreation that an agent killed midway left behind: a previous container
     * is the last one that was known to work, so it is taken back (renamed to the unit's name) and a successor that
     * never proved itself is removed. The start then goes on as any other.
     */
    private Optional<Container> takeBackPrevious(long unitId, String name, List<Container> all) {
        Optional<Container> previous = all.stream().filter(c -> hasName(c, previousName(name))).findFirst();
        if (previous.isEmpty()) {
            return all.stream().filter(c -> !hasName(c, previousName(name))).findFirst();
        }
        for (Container other : all) {
            if (other != previous.get()) {
                remove(other.getId());
            }
        }
        String id = previous.get().getId();
        docker.renameContainerCmd(id).withName(name).exec();
        LOG.info(() -> "unit " + unitId + ": took back its previous container " + shortId(id) + ", left behind by"
                + " a recreation that did not finish");
        return findAllByUnit(unitId).stream().filter(c -> c.getId().equals(id)).findFirst();
    }

    private Previous keepAsPrevious(StartUnit command, Container old, String network) {
        String id = old.getId();
        LOG.info(() -> "unit " + command.unitId() + ": container " + shortId(id) + " was made from other settings;"
                + " making it again, keeping the old one until the new one is ready");
        try {
            docker.stopContainerCmd(id).withTimeout(STOP_SECONDS).exec();
        } catch (NotModifiedException alreadyStopped) {
            // 304: it was stopped
        }
        docker.renameContainerCmd(id).withName(previousName(command.container().name())).exec();
        String readiness;
        try {
            readiness = imageLabels(docker.inspectContainerCmd(id).exec().getImageId()).get(Readiness.LABEL);
        } catch (NotFoundException imageGone) {
            readiness = null;
        }
        return new Previous(id, network, readiness);
    }

    private String notLoaded(ContainerSpec spec, NotFoundException e) {
        return "image " + spec.image() + " is not loaded on host " + config.host() + "; load it there (docker load -i"
                + " <image>.tar): " + e.getMessage();
    }

    private AgentResult failedOrRolledBack(StartUnit command, String containerId, Previous previous, String reason) {
        if (previous == null) {
            return failed(command, containerId, reason);
        }
        try {
            return rollBack(command, containerId, previous, reason);
        } catch (RuntimeException e) {
            return failed(command, containerId, reason + "; its previous container could not be started again: "
                    + e.getMessage());
        }
    }

    /**
     * The new container failed: it goes, and the previous one is started again under the unit's name. When that
     * answers, the unit runs as before and the command fails saying so; when it does not, the start failed as any
     * other (nothing of the unit left running).
     */
    private AgentResult rollBack(StartUnit command, String failedId, Previous previous, String reason) {
        if (failedId != null) {
            remove(failedId);
        }
        String name = command.container().name();
        docker.renameContainerCmd(previous.id()).withName(name).exec();
        String why = "the update of unit " + command.unitId() + " (a container made anew from its changed image or"
                + " settings) failed: " + reason;
        Optional<String> refused = startContainer(previous.id(), command.container().port());
        if (refused.isPresent()) {
            return notReady(command, previous.id(), why + "\nIts previous container did not start again either: "
                    + refused.get());
        }
        Optional<String> notReady = awaitReady(command, previous.id(), previous.network(), previous.readiness());
        if (notReady.isPresent()) {
            return notReady(command, previous.id(), why + "\nIts previous container did not come back either: "
                    + notReady.get());
        }
        LOG.info(() -> "unit " + command.unitId() + ": update failed, previous container " + shortId(previous.id())
                + " runs again");
        return AgentResult.rolledBack(command.commandId(), command.unitId(), config.host(), previous.id(),
                why + "\nThe previous container runs again.");
    }

    private static boolean hasName(Container container, String name) {
        return container.getNames() != null && Arrays.stream(container.getNames())
                .anyMatch(n -> n.equals("/" + name) || n.equals(name));
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    /**
     * Sets anew who may reach the unit's port while it runs; a unit whose container does not run here is left alone
     * (its next start carries the list) and answered STOPPED.
     */
    public AgentResult allowClients(AllowClients command) {
        try {
            Optional<Container> existing = findByUnit(command.unitId());
            String containerId = existing.map(Container::getId).orElse(null);
            if (existing.isEmpty() || !"running".equals(existing.get().getState())) {
                return ok(command, ObservedState.STOPPED, containerId);
            }
            String bridge = firewall.bridgePrefix() + command.uid();
            if (!firewall.replaceClients(command.port(), bridge, command.allowedClients(), command.peers())) {
                return failed(command, containerId, "unit " + command.unitId() + " runs on host " + config.host()
                        + " without firewall rules for port " + command.port() + "; restart it to set them");
            }
            LOG.info(() -> "unit " + command.unitId() + ": clients of port " + command.port() + " are now "
                    + command.allowedClients());
            return ok(command, ObservedState.RUNNING, containerId);
        } catch (FirewallException e) {
            return failed(command, null, "the host firewall of host " + config.host() + " could not be set for port "
                    + command.port() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return failed(command, null, "could not set the clients of unit " + command.unitId() + " on host "
                    + config.host() + ": " + e.getMessage());
        }
    }

    /** Stops the unit's container; a unit without one, or already stopped, is stopped. */
    public AgentResult stop(StopUnit command) {
        try {
            Optional<Container> existing = findByUnit(command.unitId());
            if (existing.isEmpty()) {
                return ok(command, ObservedState.STOPPED, null);
            }
            String id = existing.get().getId();
            try {
                docker.stopContainerCmd(id).withTimeout(STOP_SECONDS).exec();
            } catch (NotModifiedException alreadyStopped) {
                // 304: nothing to do
            }
            closePort(existing.get());
            return ok(command, ObservedState.STOPPED, id);
        } catch (RuntimeException e) {
            return failed(command, null, "could not stop the container of unit " + command.unitId() + " on host "
                    + config.host() + ": " + e.getMessage());
        }
    }

    /** Removes every container of the unit; nothing left is success. The user's home stays. */
    public AgentResult delete(DeleteUnit command) {
        try {
            for (Container container : findAllByUnit(command.unitId())) {
                remove(container.getId());
                closePort(container);
            }
            files.forget(command.unitId());
            return ok(command, ObservedState.REMOVED, null);
        } catch (IOException e) {
            return failed(command, null, "could not remove the files of unit " + command.unitId() + " on host "
                    + config.host() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return failed(command, null, "could not remove the container of unit " + command.unitId() + " on host "
                    + config.host() + ": " + e.getMessage());
        }
    }

    /** The unit's container logs as asked; an answer with an error when there is no container or no engine. */
    public UnitLogs logs(ReadLogs command) {
        try {
            Optional<String> container = containerIdOf(command.unitId());
            if (container.isEmpty()) {
                return UnitLogs.failed(command.unitId(), 0, noContainer(command.unitId()));
            }
            StringBuilder text = new StringBuilder();
            logsCommand(docker, container.get(), command.logs()).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    if (text.length() < MAX_LOG_CHARS) {
                        text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    }
                }
            }).awaitCompletion(10, TimeUnit.SECONDS);
            return UnitLogs.whole(command.unitId(), text.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UnitLogs.failed(command.unitId(), 0, "interrupted while reading logs on host " + config.host());
        } catch (RuntimeException e) {
            return UnitLogs.failed(command.unitId(), 0, unreadable(command.unitId(), e));
        }
    }

    /** The id of the unit's container on this host, if it has one. */
    public Optional<String> containerIdOf(long unitId) {
        return findByUnit(unitId).map(Container::getId);
    }

    /** Why a unit's logs cannot be read: it has no container here. */
    public String noContainer(long unitId) {
        return "unit " + unitId + " has no container on host " + config.host()
                + ": it was never started, or it has been deleted";
    }

    /** Why a unit's logs cannot be read: the engine failed. */
    public String unreadable(long unitId, RuntimeException e) {
        return "the Docker engine on host " + config.host() + " could not give the logs of unit " + unitId + ": "
                + e.getMessage();
    }

    /** The Docker logs command for the request's options (without follow, which the caller decides). */
    public static LogContainerCmd logsCommand(DockerClient client, String containerId, LogRequest request) {
        LogContainerCmd logs = client.logContainerCmd(containerId).withStdOut(true).withStdErr(true)
                .withTimestamps(request.timestamps());
        if (request.tail() > 0) {
            logs.withTail(request.tail());
        }
        if (request.since() > 0) {
            logs.withSince((int) Math.min(Integer.MAX_VALUE, request.since()));
        }
        return logs;
    }

    /** The firewall rules of a container's port go with it; containers made before there were such rules have none. */
    private void closePort(Container container) {
        String port = container.getLabels().get(ContainerLabels.PORT);
        if (port != null) {
            firewall.remove(Integer.parseInt(port));
        }
    }

    private String create(StartUnit command, Map<String, String> labels, HostConfig settings) {
        ContainerSpec spec = command.container();
        try {
            return docker.createContainerCmd(spec.image())
                    .withName(spec.name())
                    .withLabels(labels)
                    .withUser(ContainerSettings.user(spec))
                    .withEnv(ContainerSettings.env(spec))
                    .withExposedPorts(ExposedPort.tcp(spec.port()))
                    .withHostConfig(settings)
                    .exec()
                    .getId();
        } catch (ConflictException nameTaken) {
            // 409: a container of this name exists; adopt it only if it is this unit's (a redelivered command)
            InspectContainerResponse other = docker.inspectContainerCmd(spec.name()).exec();
            Map<String, String> theirs = other.getConfig().getLabels();
            if (theirs != null && String.valueOf(command.unitId()).equals(theirs.get(ContainerLabels.UNIT))) {
                return other.getId();
            }
            throw new ConflictException("container name " + spec.name() + " is taken by a container Berth does not"
                    + " manage (" + other.getId().substring(0, 12) + "); remove it or choose another port");
        }
    }

    /** Why the port cannot be used, if it cannot: Docker's own refusal, or a holder found by a bind test. */
    private Optional<String> startContainer(String containerId, int port) {
        try {
            docker.startContainerCmd(containerId).exec();
            return Optional.empty();
        } catch (NotModifiedException alreadyRunning) {
            return Optional.empty();
        } catch (InternalServerErrorException e) {
            // e.g. "port is already allocated" or "bind: address already in use": the race after our bind test
            return Optional.of("port " + port + " on host " + config.host() + " could not be published: "
                    + e.getMessage());
        }
    }

    /**
     * What holds the port, if anything does: a container labelled as Berth's (of {@code publishing}, listed a moment
     * ago) of another unit that is up (as {@code docker ps} without {@code -a} lists them) and publishes it, else a
     * process found by a bind test.
     */
    private Optional<String> portHolder(int port, long unitId, List<Container> publishing) {
        for (Container c : publishing) {
            boolean publishes = HOLDING_STATES.contains(c.getState()) && c.getPorts() != null && Arrays.stream(c.getPorts())
                    .map(ContainerPort::getPublicPort).anyMatch(p -> p != null && p == port);
            String unit = c.getLabels().get(ContainerLabels.UNIT);
            if (publishes && !String.valueOf(unitId).equals(unit)) {
                return Optional.of("port " + port + " on host " + config.host() + " is in use by unit " + unit
                        + " of user " + c.getLabels().get(ContainerLabels.USER));
            }
        }
        if (!PortCheck.isFree(config.bindAddress(), port)) {
            return Optional.of("port " + port + " on host " + config.host() + " is in use by a process outside"
                    + " Berth; free it or give the unit another port");
        }
        return Optional.empty();
    }

    /**
     * Waits until the unit's process answers on its port; empty when it does, else why not. The agent asks the
     * container on its network directly: the firewall rules stand between the published port and clients, and the
     * host itself is trusted.
     */
    private Optional<String> awaitReady(StartUnit command, String containerId, String network, String kind) {
        int port = command.container().port();
        if (!Readiness.knows(kind)) {
            return Optional.of("image " + command.container().image() + " asks for readiness check '" + kind
                    + "', which this agent does not know");
        }
        Instant deadline = Instant.now().plusSeconds(command.readinessSeconds());
        String address = addressOn(containerId, network);
        int attempt = 0;
        while (Instant.now().isBefore(deadline)) {
            if (address != null && Readiness.answers(kind, address, port)) {
                return Optional.empty();
            }
            // check the container only now and then: an inspect costs more than a probe
            if (++attempt % 10 == 0) {
                InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(containerId).exec()
                        .getState();
                if (address == null) {
                    address = addressOn(containerId, network);
                }
                if (!Boolean.TRUE.equals(state.getRunning())) {
                    return Optional.of("the container exited with code " + state.getExitCodeLong() + " before its"
                            + " process answered on port " + port + ". Last log lines:\n" + lastLogLines(containerId));
                }
            }
            pause();
        }
        return Optional.of("the unit's process did not answer on port " + port + " within "
                + command.readinessSeconds() + " s. Last log lines:\n" + lastLogLines(containerId));
    }

    /**
     * A start that did not become ready leaves nothing running behind its FAILED unit: the container is stopped (and
     * kept, with its logs, until the next start or a delete) and its port closed again, so that nothing of it runs
     * outside the user's quota of running units.
     */
    private AgentResult notReady(StartUnit command, String containerId, String reason) {
        try {
            docker.stopContainerCmd(containerId).withTimeout(STOP_SECONDS).exec();
        } catch (NotModifiedException alreadyStopped) {
            // 304: it exited by itself
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not stop container " + containerId + " of unit " + command.unitId()
                    + " after its failed start", e);
        }
        try {
            firewall.remove(command.container().port());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not close port " + command.container().port() + " of unit "
                    + command.unitId() + " after its failed start", e);
        }
        return failed(command, containerId, reason);
    }

    /** The container's address on the user's network; null until Docker has given it one. */
    private String addressOn(String containerId, String network) {
        var networks = docker.inspectContainerCmd(containerId).exec().getNetworkSettings().getNetworks();
        var on = networks == null ? null : networks.get(network);
        return on == null || on.getIpAddress() == null || on.getIpAddress().isBlank() ? null : on.getIpAddress();
    }

    /** The image's labels (readiness check, writable directories), read once per start. */
    private Map<String, String> imageLabels(String image) {
        Map<String, String> labels = docker.inspectImageCmd(image).exec().getConfig().getLabels();
        return labels == null ? Map.of() : labels;
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a unit to answer", e);
        }
    }

    /** The container's last log lines, for a person to see why it failed. */
    String lastLogLines(String containerId) {
        return LastLogLines.of(docker, containerId, LOG_LINES);
    }

    /** The unit's container; a previous one (see {@link #previousName}) only when it has no other. */
    private Optional<Container> findByUnit(long unitId) {
        List<Container> all = findAllByUnit(unitId);
        return all.stream().filter(c -> c.getNames() == null || Arrays.stream(c.getNames())
                .noneMatch(Containers::isPreviousName)).findFirst().or(() -> all.stream().findFirst());
    }

    /**
     * The containers labelled as Berth's, of any host, that publish {@code port}: two small listings per start (this
     * and the unit's own) cost the engine less than one of every container, which it answered for each start (with
     * 100 units, 100 listings of 100 containers in a crowd).
     */
    private List<Container> publishing(int port) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ContainerLabels.MANAGED, "true"))
                .withFilter("publish", List.of(String.valueOf(port))).exec();
    }

    /** What a question asked of Docker on another thread answered, or what it threw. */
    private static <T> T answer(Future<T> asked) {
        try {
            return asked.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Docker", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Waits until a task asked of another thread has ended, however it ended (its failure is not this one's). */
    private static void awaitQuietly(Future<?> asked) {
        try {
            asked.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException ignored) {
            // the failure that is reported is the caller's own
        }
    }

    private List<Container> findAllByUnit(long unitId) {
        return docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(ContainerLabels.UNIT, String.valueOf(unitId),
                        ContainerLabels.HOST, config.host()))
                .exec();
    }

    private void remove(String containerId) {
        try {
            docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException gone) {
            // already removed: the goal is reached
        }
    }

    private AgentResult ok(AgentCommand command, ObservedState state, String containerId) {
        return AgentResult.succeeded(command.commandId(), command.unitId(), config.host(), state, containerId);
    }

    private AgentResult failed(AgentCommand command, String containerId, String reason) {
        LOG.info(() -> "command " + command.commandId() + " for unit " + command.unitId() + " failed: " + reason);
        return AgentResult.failed(command.commandId(), command.unitId(), config.host(), containerId, reason);
    }
}
