package dev.berth.agent.observation.control;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.berth.agent.containers.control.ContainerLabels;
import dev.berth.agent.containers.control.LastLogLines;
import dev.berth.agent.platform.AgentConfiguration;
import dev.berth.protocol.ContainerReport;
import dev.berth.protocol.ContainerStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's view of this host's containers labelled as Berth's, as reports. A running container needs only the
 * list; one that does not run is inspected for its exit code and whether the kernel killed it for memory.
 */
@ApplicationScoped
public class ContainerInventory {

    /** Log lines kept with an exit seen as it happened. */
    static final int LOG_LINES = 20;

    @Inject
    DockerClient docker;

    @Inject
    AgentConfiguration config;

    /** Every container of Berth's on this host. */
    public List<ContainerReport> all() {
        List<ContainerReport> reports = new ArrayList<>();
        for (Container container : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ContainerLabels.MANAGED, "true", ContainerLabels.HOST, config.host()))
                .exec()) {
            Map<String, String> labels = container.getLabels();
            long unit = unitOf(labels);
            if (unit == 0) {
                continue;
            }
            if ("running".equals(container.getState())) {
                reports.add(new ContainerReport(unit, container.getId(), ContainerStatus.RUNNING, null, false, null,
                        labels.get(ContainerLabels.CONFIG_HASH), portOf(labels), null, null));
            } else {
                one(container.getId(), false).ifPresent(reports::add);
            }
        }
        return reports;
    }

    /**
     * One container as the engine shows it now; empty when it is gone or not Berth's.
     *
     * @param withLastLines whether to add its last log lines when it does not run (an exit seen as it happened)
     */
    public Optional<ContainerReport> one(String containerId, boolean withLastLines) {
        InspectContainerResponse inspect;
        try {
            inspect = docker.inspectContainerCmd(containerId).exec();
        } catch (NotFoundException gone) {
            return Optional.empty();
        }
        Map<String, String> labels = inspect.getConfig().getLabels();
        long unit = labels == null || !config.host().equals(labels.get(ContainerLabels.HOST)) ? 0 : unitOf(labels);
        if (unit == 0) {
            return Optional.empty();
        }
        InspectContainerResponse.ContainerState state = inspect.getState();
        boolean running = Boolean.TRUE.equals(state.getRunning());
        String health = state.getHealth() == null ? null : state.getHealth().getStatus();
        if (running) {
            return Optional.of(new ContainerReport(unit, inspect.getId(), ContainerStatus.RUNNING, null, false, health,
                    labels.get(ContainerLabels.CONFIG_HASH), portOf(labels), null, null));
        }
        boolean ran = state.getFinishedAt() != null && !state.getFinishedAt().startsWith("0001-");
        Long code = state.getExitCodeLong();
        return Optional.of(new ContainerReport(unit, inspect.getId(), ContainerStatus.EXITED,
                ran && code != null ? code.intValue() : null, Boolean.TRUE.equals(state.getOOMKilled()), health,
                labels.get(ContainerLabels.CONFIG_HASH), portOf(labels), ran ? instant(state.getFinishedAt()) : null,
                withLastLines && ran ? LastLogLines.of(docker, inspect.getId(), LOG_LINES) : null));
    }

    /** A container the engine removed: only its labels are left, as the event carries them. */
    public Optional<ContainerReport> removed(String containerId, Map<String, String> labels) {
        long unit = labels == null || !config.host().equals(labels.get(ContainerLabels.HOST)) ? 0 : unitOf(labels);
        return unit == 0 ? Optional.empty() : Optional.of(new ContainerReport(unit, containerId,
                ContainerStatus.REMOVED, null, false, null, labels.get(ContainerLabels.CONFIG_HASH), portOf(labels),
                null, null));
    }

    private static long unitOf(Map<String, String> labels) {
        try {
            return Long.parseLong(labels.getOrDefault(ContainerLabels.UNIT, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int portOf(Map<String, String> labels) {
        try {
            return Integer.parseInt(labels.getOrDefault(ContainerLabels.PORT, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
