package dev.berth.protocol;

/**
 * Everything an agent needs to create a unit's container; the manager derives it from the database so that the agent
 * keeps no state of its own.
 *
 * @param name        container name, {@code berth-<user>-<port>}
 * @param image       image reference, a tag that is loaded on the host (never pulled)
 * @param port        published port, the same number inside the container
 * @param memoryBytes hard memory limit (swap included)
 * @param cpuShares   relative CPU weight
 * @param home        the user's home directory on the agent's host, mounted at {@code /app}
 */
public record ContainerSpec(String name, String image, int port, long memoryBytes, int cpuShares, String home) {
}
