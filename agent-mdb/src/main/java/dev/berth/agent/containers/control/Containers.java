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

    /**
     * Starts the unit's container, making it when needed, and waits until its process answers. A container made from
     * other settings (another image, limit, file, mount, or rule of this agent) is made again.
     */
    public AgentResult start(StartUnit command) {
        ContainerSpec spec = command.container();
        Path shareDir = config.shareDir(spec.shareDir());
        String containerId = null;
        try {
            // the user's configuration is written before every start, as the guide's manager copies it in (into the
            // agent's own directory, read-only at /app/config): the container's start script copies it into esProc's
            // config dir (unchanged files: same hash, same container)
            Map<String, String> image = imageLabels(spec.image());
            Path home = files.prepareHome(spec);
            Path configDir = files.writeConfig(command.unitId(), spec);
            Files.createDirectories(shareDir);
            UserNetwork network = networks.ensure(command.user(), spec.uid());
            HostConfig settings = ContainerSettings.hostConfig(spec, config.bindAddress(), home, configDir, shareDir,
                    network.name(), image.get(ContainerSettings.WRITABLE_LABEL));
            Map<String, String> labels = ContainerLabels.of(command, config.host(), settings);
            Optional<Container> existing = findByUnit(command.unitId());
            if (existing.isPresent() && !labels.get(ContainerLabels.CONFIG_HASH)
                    .equals(existing.get().getLabels().get(ContainerLabels.CONFIG_HASH))) {
                // made from other settings: the change takes effect by recreating it
                String stale = existing.get().getId();
                LOG.info(() -> "unit " + command.unitId() + ": container " + stale.substring(0, 12) + " was made from"
                        + " other settings; making it again");
                remove(stale);
                existing = Optional.empty();
            }
            boolean running = existing.isPresent() && "running".equals(existing.get().getState());
            if (!running) {
                Optional<String> busy = portHolder(spec.port(), command.unitId());
                if (busy.isPresent()) {
                    return failed(command, existing.map(Container::getId).orElse(null), busy.get());
                }
            }
            firewall.allow(spec.port(), network.bridge(), spec.uid(), spec.clients(), spec.peerUnits(),
                    spec.otherHostAddresses());
            if (existing.isPresent()) {
                containerId = existing.get().getId();
            } else {
                containerId = create(command, labels, settings);
            }
            if (!running) {
                Optional<String> refused = startContainer(containerId, spec.port());
                if (refused.isPresent()) {
                    remove(containerId);
                    return failed(command, null, refused.get());
                }
            }
            return awaitReady(command, containerId, network.name(), image.get(Readiness.LABEL));
        } catch (FirewallException e) {
            return failed(command, containerId, "the host firewall of host " + config.host() + " could not be set"
                    + " for port " + spec.port() + ": " + e.getMessage());
        } catch (NotFoundException e) {
            return failed(command, containerId, "image " + spec.image() + " is not loaded on host " + config.host()
                    + "; load it there (docker load -i <image>.tar): " + e.getMessage());
        } catch (DockerException e) {
            return failed(command, containerId, "Docker on host " + config.host() + " refused: " + e.getMessage());
        } catch (IOException e) {
            return failed(command, containerId, "the home or the files of unit " + command.unitId() + " could not be"
                    + " prepared on host " + config.host() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return failed(command, containerId, "the Docker engine on host " + config.host() + " did not answer: "
                    + e);
        }
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

    private Optional<String> portHolder(int port, long unitId) {
        for (Container c : docker.listContainersCmd().withLabelFilter(Map.of(ContainerLabels.MANAGED, "true"))
                .exec()) {
            boolean publishes = c.getPorts() != null && Arrays.stream(c.getPorts())
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
     * Waits until the unit's process answers on its port. The agent asks the container on its network directly: the
     * firewall rules stand between the published port and clients, and the host itself is trusted.
     */
    private AgentResult awaitReady(StartUnit command, String containerId, String network, String kind) {
        int port = command.container().port();
        if (!Readiness.knows(kind)) {
            return notReady(command, containerId, "image " + command.container().image()
                    + " asks for readiness check '" + kind + "', which this agent does not know");
        }
        Instant deadline = Instant.now().plusSeconds(command.readinessSeconds());
        String address = addressOn(containerId, network);
        int attempt = 0;
        while (Instant.now().isBefore(deadline)) {
            if (address != null && Readiness.answers(kind, address, port)) {
                return ok(command, ObservedState.RUNNING, containerId);
            }
            // check the container only now and then: an inspect costs more than a probe
            if (++attempt % 10 == 0) {
                InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(containerId).exec()
                        .getState();
                if (address == null) {
                    address = addressOn(containerId, network);
                }
                if (!Boolean.TRUE.equals(state.getRunning())) {
                    return notReady(command, containerId, "the container exited with code " + state.getExitCodeLong()
                            + " before its process answered on port " + port + ". Last log lines:\n"
                            + lastLogLines(containerId));
                }
            }
            pause();
        }
        return notReady(command, containerId, "the unit's process did not answer on port " + port + " within "
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

    private Optional<Container> findByUnit(long unitId) {
        return findAllByUnit(unitId).stream().findFirst();
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
