package dev.berth.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 * @param shareDir    the host's share directory, mounted read-only at {@code /share}; null: the agent's own default
 * @param configFiles files the agent gives the unit read-only at {@code /app/config}, by file name (the user's
 *                    {@code raqsoftConfig.xml} and {@code unitServer.xml}); "the manager copies the user's
 *                    configuration into the docker", so that hosts need no shared file system
 * @param uid         the user's own unprivileged uid (and gid), the same on every host: the unit's processes run as
 *                    it and it owns the home; never 0
 * @param pidsLimit   how many processes and threads the unit may have at once
 * @param nofileLimit how many files the unit's processes may each hold open
 * @param allowedClients the networks (IPv4 CIDR) from which the unit's port may be reached, besides the user's own
 *                    units on the host
 * @param diskBytes   the size limit of the user's home on the host; 0: none
 * @param peers       the user's units on other hosts ({@code a.b.c.d:port}): the only ones of the other hosts this
 *                    unit may reach, and whose hosts may reach it
 * @param otherHosts  the addresses of Berth's other hosts (IPv4): units reach none of them but their user's peers
 */
public record ContainerSpec(String name, String image, int port, long memoryBytes, int cpuShares, String home,
                            String shareDir, Map<String, String> configFiles, int uid, int pidsLimit, int nofileLimit,
                            List<String> allowedClients, long diskBytes, List<String> peers,
                            List<String> otherHosts) {

    /** The user's units on other hosts, never null. */
    public List<String> peerUnits() {
        return peers == null ? List.of() : peers;
    }

    /** Berth's other hosts, never null. */
    public List<String> otherHostAddresses() {
        return otherHosts == null ? List.of() : otherHosts;
    }

    /** The allowed client networks, never null. */
    public List<String> clients() {
        return allowedClients == null ? List.of() : allowedClients;
    }

    /** The config files, never null. */
    public Map<String, String> files() {
        return configFiles == null ? Map.of() : configFiles;
    }

    /** What is wrong with this spec, if anything; each problem names its field. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (image == null || image.isBlank()) problems.add("container.image is missing");
        if (name == null || name.isBlank()) problems.add("container.name is missing");
        if (port < 1 || port > 65535) problems.add("container.port is out of range");
        if (home == null || home.isBlank()) problems.add("container.home is missing");
        if (uid <= 0) problems.add("container.uid must be an unprivileged uid (units never run as root)");
        if (pidsLimit <= 0) problems.add("container.pidsLimit must be positive");
        if (nofileLimit <= 0) problems.add("container.nofileLimit must be positive");
        clients().stream().filter(cidr -> !Cidr.isValid(cidr)).forEach(cidr -> problems.add(
                "container.allowedClients: '" + cidr + "' is no IPv4 network"));
        peerUnits().stream().filter(peer -> !Cidr.isEndpoint(peer))
                .forEach(peer -> problems.add("container.peers: '" + peer + "' is no IPv4 address:port"));
        otherHostAddresses().stream().filter(host -> !Cidr.isAddress(host))
                .forEach(host -> problems.add("container.otherHosts: '" + host + "' is no IPv4 address"));
        files().keySet().stream().filter(file -> !isPlainFileName(file))
                .forEach(file -> problems.add("container.configFiles: '" + file + "' is no plain file name"));
        return problems;
    }

    /** Whether {@code file} names a file directly in the config directory: no path, no dot-dot, nothing hidden. */
    public static boolean isPlainFileName(String file) {
        return file != null && file.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}") && !file.contains("..");
    }
}
