package dev.berth.protocol;

import java.time.Instant;

/**
 * One container of a unit as its agent saw it, from the engine's inspect of a container labelled as Berth's.
 *
 * @param unitId      the unit, from the container's label {@code berth.unit}
 * @param containerId the container
 * @param status      whether it runs
 * @param exitCode    its last exit code; null while it runs or when it never ran
 * @param oomKilled   whether the kernel's out-of-memory killer ended it
 * @param health      the engine's health status when the image has a health check, else null
 * @param configHash  the container's {@code berth.config-hash} label
 * @param port        the unit's port, from the label {@code berth.port}; 0 when it has none
 * @param finishedAt  when it last exited; null while it runs or when it never ran
 * @param lastLines   for an exit the agent saw as an engine event: the container's last log lines; else null
 */
public record ContainerReport(long unitId, String containerId, ContainerStatus status, Integer exitCode,
                              boolean oomKilled, String health, String configHash, int port, Instant finishedAt,
                              String lastLines) {
}
